type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (
  x: infer I,
) => void
  ? I
  : never;

/** The methods of several services as one object's. */
export type Composed<Services extends readonly object[]> = UnionToIntersection<Services[number]>;

/**
 * One object with every public method of the given services, bound to its service, so the API
 * is implemented by small services without a facade that writes each method out again.
 * Services keep their state and helpers in `#private` members, which are not copied (and so
 * never exposed to the page). Two services offering the same method is a wiring mistake.
 */
export function composeServices<Services extends readonly object[]>(
  ...services: Services
): Composed<Services> {
  const composed: Record<string, unknown> = {};
  for (const service of services) {
    for (const name of methodNames(service)) {
      if (name in composed) throw new Error(`Two services offer "${name}".`);
      const method = Reflect.get(service, name) as (...args: unknown[]) => unknown;
      composed[name] = method.bind(service);
    }
  }
  return composed as Composed<Services>;
}

/** Own function properties and the methods of the service's class (not Object's). */
function methodNames(service: object): string[] {
  const names = new Set<string>();
  for (let o: object | null = service; o && o !== Object.prototype; o = Object.getPrototypeOf(o))
    for (const name of Object.getOwnPropertyNames(o))
      if (name !== 'constructor' && typeof Reflect.get(service, name) === 'function')
        names.add(name);
  return [...names];
}
