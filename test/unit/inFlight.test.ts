// A create is one-shot: while one runs for a type, the command must know, and know it no longer
// runs once it ends, however it ends.
import * as assert from 'node:assert/strict';
import { InFlight } from '../../src/commands/inFlight';

describe('InFlight', () => {
  it('reports a key as running from the moment it starts until it settles', async () => {
    const inFlight = new InFlight();
    let finish: () => void = () => undefined;
    const running = inFlight.run('create/RDS-FG', () => new Promise<void>((r) => (finish = r)));

    assert.equal(inFlight.has('create/RDS-FG'), true);
    assert.equal(inFlight.has('create/GaussDB-FG'), false);

    finish();
    await running;
    assert.equal(inFlight.has('create/RDS-FG'), false);
  });

  it('forgets a key whose task failed, so the user can try again', async () => {
    const inFlight = new InFlight();

    await assert.rejects(inFlight.run('create/RDS-FG', async () => Promise.reject(new Error('x'))));

    assert.equal(inFlight.has('create/RDS-FG'), false);
  });
});
