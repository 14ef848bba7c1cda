// The agencies model: what each create, check and failure leaves in the tree, and what survives a
// reload through global state.
import * as assert from 'node:assert/strict';
import { AgencyModel } from '../../src/agencies/agencyModel';
import { AgencyScope } from '../../src/agencies/agencyScope';
import { fromSnapshot, snapshotKey, toSnapshot } from '../../src/agencies/agencySnapshot';
import { CsmsError } from '../../src/csms/errors';
import type { Exchange } from '../../src/csms/types';

const AT = Date.UTC(2026, 11, 3, 16, 0, 0);
const AUTH_HEADER = 'SDK-HMAC-SHA256 Access=MADEUPACCESSKEY00001, Signature=abc123';

function exchange(method: string, status: number, body = '{}'): Exchange {
  return {
    method,
    url: 'https://kms.cn-north-4.myhuaweicloud.com/v1/csms/agencies',
    status,
    requestId: 'f00dfeed0000000000000000000000aa',
    durationMs: 12,
    requestHeaders: { authorization: AUTH_HEADER },
    responseHeaders: { 'x-request-id': 'f00dfeed0000000000000000000000aa' },
    requestBody: '{"secret_type":"RDS-FG"}',
    responseBody: body,
  };
}

function created(model: AgencyModel, errorMessage?: string): void {
  model.recordCreate(
    {
      secretType: 'RDS-FG',
      agencies: [
        { name: 'csms_fgs_invoke_agency', id: '0123456789abcdef0123456789abcdef' },
        errorMessage
          ? { name: 'fgs_csms_rds_rotation_agency', errorMessage }
          : { name: 'fgs_csms_rds_rotation_agency', id: 'fedcba9876543210fedcba9876543210' },
      ],
      exchange: exchange('POST', 200),
    },
    AT,
  );
}

function unauthorized(): CsmsError {
  return new CsmsError('Authentication failed', {
    kind: 'http',
    status: 401,
    errorCode: 'APIGW.0301',
    errorMsg: 'Incorrect IAM authentication information',
    requestId: 'f00dfeed0000000000000000000000bb',
    hint: { key: 'wrongAkSk', args: {} },
    exchange: exchange('POST', 401),
  });
}

describe('AgencyModel', () => {
  it('marks a type granted when every agency was created', () => {
    const model = new AgencyModel();

    created(model);

    const state = model.get('RDS-FG');
    assert.equal(state?.status, 'granted');
    assert.equal(state?.agencies.length, 2);
    assert.equal(state?.checkedAt, AT);
  });

  it('marks a type failed when some agencies failed, keeping each with its message', () => {
    const model = new AgencyModel();

    created(model, 'Agency quota exceeded');

    const state = model.get('RDS-FG');
    assert.equal(state?.status, 'failed');
    assert.equal(state?.lastError, undefined, 'the call itself did not fail');
    assert.deepEqual(
      state?.agencies.map((agency) => agency.errorMessage),
      [undefined, 'Agency quota exceeded'],
    );
  });

  it('leaves the grant unknown when the create answered no agencies at all', () => {
    const model = new AgencyModel();

    model.recordCreate({ secretType: 'RDS-FG', agencies: [], exchange: exchange('POST', 200) }, AT);

    assert.equal(model.get('RDS-FG')?.status, 'unknown');
  });

  it('replaces the status on a check and keeps the agencies already known', () => {
    const model = new AgencyModel();
    created(model);

    model.recordCheck(
      { secretType: 'RDS-FG', granted: false, exchange: exchange('GET', 200) },
      AT + 1000,
    );

    const state = model.get('RDS-FG');
    assert.equal(state?.status, 'notGranted');
    assert.equal(state?.agencies.length, 2);
    assert.equal(state?.lastExchange?.method, 'GET');
  });

  it('records a whole-call failure without losing what was known', () => {
    const model = new AgencyModel();
    created(model);

    model.recordFailure('RDS-FG', 'create', unauthorized(), AT + 2000);

    const state = model.get('RDS-FG');
    assert.equal(state?.status, 'failed');
    assert.equal(state?.agencies.length, 2);
    assert.equal(state?.lastError?.status, 401);
    assert.equal(state?.lastError?.operation, 'create');
    assert.equal(state?.lastExchange?.status, 401);
  });

  it('clears the error once the same type succeeds again', () => {
    const model = new AgencyModel();
    model.recordFailure('RDS-FG', 'create', unauthorized(), AT);

    created(model);

    assert.equal(model.get('RDS-FG')?.lastError, undefined);
  });

  it('tells its listeners once per change', () => {
    const model = new AgencyModel();
    let changes = 0;
    model.onDidChange(() => (changes += 1));

    created(model);
    model.recordFailure('GaussDB-FG', 'check', new Error('boom'), AT);

    assert.equal(changes, 2);
  });

  it('lists types alphabetically whatever the order they arrived in', () => {
    const model = new AgencyModel();
    model.recordFailure('RDS-FG', 'check', new Error('boom'), AT);
    model.recordFailure('GaussDB-FG', 'check', new Error('boom'), AT);

    assert.deepEqual(
      model.types().map((state) => state.secretType),
      ['GaussDB-FG', 'RDS-FG'],
    );
  });
});

describe('agency snapshots in global state', () => {
  it('round-trips the tree but never the signed request headers', () => {
    const model = new AgencyModel();
    created(model, 'Agency quota exceeded');
    model.recordFailure('GaussDB-FG', 'check', unauthorized(), AT);

    const stored = JSON.parse(JSON.stringify(toSnapshot(model.types())));
    const restored = fromSnapshot(stored);

    assert.deepEqual(
      restored.map((state) => [state.secretType, state.status, state.agencies.length]),
      [
        ['GaussDB-FG', 'failed', 0],
        ['RDS-FG', 'failed', 2],
      ],
    );
    assert.equal(restored[1].agencies[1].errorMessage, 'Agency quota exceeded');
    assert.equal(restored[0].lastError?.errorCode, 'APIGW.0301');
    assert.ok(!JSON.stringify(stored).includes('MADEUPACCESSKEY00001'));
    assert.ok(!JSON.stringify(stored).includes('Signature='));
  });

  it('reads a create kept as unknown with failed agencies back as failed', () => {
    const agencies = [
      { name: 'csms_fgs_invoke_agency', id: '0123456789abcdef0123456789abcdef' },
      { name: 'fgs_csms_rds_rotation_agency', errorMessage: 'Agency quota exceeded' },
    ];
    const stored = {
      version: 1,
      types: [
        { secretType: 'RDS-FG', status: 'unknown', agencies },
        { secretType: 'GaussDB-FG', status: 'unknown', agencies: [agencies[0]] },
      ],
    };

    const restored = fromSnapshot(stored);

    assert.deepEqual(
      restored.map((state) => [state.secretType, state.status]),
      [
        ['RDS-FG', 'failed'],
        ['GaussDB-FG', 'unknown'],
      ],
    );
  });

  it('drops entries that are malformed instead of trusting them', () => {
    const stored = {
      version: 1,
      types: [
        { secretType: 'RDS-FG', status: 'granted', agencies: [{ name: 'a' }, { id: 'no name' }] },
        { secretType: 'Bad', status: 'exploded', agencies: [] },
        'not an object',
      ],
    };

    const restored = fromSnapshot(stored);

    assert.deepEqual(
      restored.map((state) => state.secretType),
      ['RDS-FG'],
    );
    assert.deepEqual(restored[0].agencies, [{ name: 'a' }]);
  });

  it('reads nothing from another version or from garbage', () => {
    assert.deepEqual(fromSnapshot({ version: 99, types: [] }), []);
    assert.deepEqual(fromSnapshot('garbage'), []);
    assert.deepEqual(fromSnapshot(undefined), []);
  });
});

describe('AgencyScope', () => {
  const failOnSave = (error: unknown) => assert.fail(String(error));

  /** Global state as VS Code keeps it, in memory. */
  class Memento {
    private readonly values = new Map<string, unknown>();

    get<T>(key: string): T | undefined {
      return this.values.get(key) as T | undefined;
    }

    has(key: string): boolean {
      return this.values.has(key);
    }

    async update(key: string, value: unknown): Promise<void> {
      this.values.set(key, JSON.parse(JSON.stringify(value)));
    }
  }

  const memento = () => new Memento();

  it('brings results back after a reload, per region and project', () => {
    const state = memento();
    const first = new AgencyModel();
    new AgencyScope(first, state, failOnSave).enter('cn-north-4', 'project-a');
    created(first);

    const reloaded = new AgencyModel();
    new AgencyScope(reloaded, state, failOnSave).enter('cn-north-4', 'project-a');

    assert.equal(reloaded.get('RDS-FG')?.status, 'granted');
    assert.ok(state.has(snapshotKey('cn-north-4', 'project-a')));
  });

  it('shows nothing from another project, and nothing once left', () => {
    const state = memento();
    const model = new AgencyModel();
    const scope = new AgencyScope(model, state, failOnSave);
    scope.enter('cn-north-4', 'project-a');
    created(model);

    scope.enter('cn-north-4', 'project-b');
    assert.ok(model.isEmpty());

    scope.enter('cn-north-4', 'project-a');
    assert.equal(model.get('RDS-FG')?.agencies.length, 2);

    scope.leave();
    assert.ok(model.isEmpty());
    assert.equal(fromSnapshot(state.get(snapshotKey('cn-north-4', 'project-a'))).length, 1);
  });
});
