import type { ProgramState } from '../../../src/core/program';

/**
 * A one-step program that routes a ticket to a team (billing or tech), for tests of the UI's
 * program logic: its instruction and its input field's name can be set.
 */
export function routingProgram(instruction = 'Route the ticket.', input = 'ticket'): ProgramState {
  return {
    version: 1,
    description: '',
    steps: [
      {
        name: 'route',
        chainOfThought: false,
        demos: [],
        signature: {
          instruction,
          inputs: [{ name: input, description: '', type: 'text' }],
          outputs: [{ name: 'team', description: '', type: 'label', labels: ['billing', 'tech'] }],
        },
      },
    ],
  };
}
