/**
 * Text for warm-up calls, so a prompt is about as long as a task call's (a few hundred tokens
 * when repeated eight times): the reading speed measured on a short prompt is not a run's.
 */
export const WARM_UP_PASSAGE =
  'A customer writes to a support desk about an order, a charge on a card, an app that ' +
  'crashes on start, a password that no longer works, or a parcel that has not arrived. ';
