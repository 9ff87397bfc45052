/**
 * Every generic command with a response, answered by a device that stops one byte short of the
 * smallest valid response: the endpoint rejects with a decode error naming the command.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AnyCommand } from '../../src/commands/define.js';
import { genericCommands } from '../../src/commands/generic/index.js';
import { Context } from '../../src/endpoint/context.js';
import { CxlmiDecodeError } from '../../src/errors.js';
import { MessageTransport } from '../../src/transport/message-link.js';
import { requestOf, responseBytes, ScriptedLink } from '../helpers/links.js';

const withResponse = (genericCommands as readonly AnyCommand[]).filter(
  (c) => c.response && c.response.minSize > 0,
);

describe('truncated responses to generic commands', () => {
  it('covers the commands with a fixed response part', () => {
    assert.ok(withResponse.length >= 12);
  });

  for (const cmd of withResponse) {
    it(`${cmd.name}: a response one byte short is a decode error naming it`, async () => {
      const short = new Array((cmd.response?.minSize ?? 1) - 1).fill(0);
      const link = new ScriptedLink((m) => responseBytes({ ...requestOf(m), payload: short }));
      const ctx = new Context();
      try {
        const ep = await ctx.openTransport(new MessageTransport(link));
        const req = cmd.request ? cmd.request.zero() : undefined;
        await assert.rejects(
          ep.send(cmd, req),
          (e: unknown) => e instanceof CxlmiDecodeError && e.command === cmd.name,
        );
      } finally {
        await ctx.close();
      }
    });
  }
});
