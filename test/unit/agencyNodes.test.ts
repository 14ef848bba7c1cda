// The mapping from the agencies model to tree nodes: what a person sees for each outcome.
import * as assert from 'node:assert/strict';
import { AgencyModel } from '../../src/agencies/agencyModel';
import {
  asAgencyNode,
  childNodes,
  describeNode,
  parentNode,
  rootNodes,
  tooltipOf,
  type AgencyNode,
  type NodeText,
} from '../../src/agencies/agencyNodes';
import { exchangeDocument } from '../../src/agencies/exchangeDocument';
import { CsmsError } from '../../src/csms/errors';
import type { Exchange } from '../../src/csms/types';
import { fillPlaceholders } from '../../src/translate';

const TEXT: NodeText = { t: fillPlaceholders, formatTime: () => '16:00:00' };
const REQUEST_ID = '5e1f0c0ffee000000000000000000042';

function exchange(status: number, responseBody: string): Exchange {
  return {
    method: 'POST',
    url: 'https://kms.cn-north-4.myhuaweicloud.com/v1/csms/agencies',
    status,
    requestId: REQUEST_ID,
    durationMs: 30.4,
    requestHeaders: { 'x-project-id': 'p', authorization: '***' },
    responseHeaders: { 'x-request-id': REQUEST_ID },
    requestBody: '{"secret_type":"RDS-FG"}',
    responseBody,
  };
}

function partialCreate(): AgencyModel {
  const model = new AgencyModel();
  model.recordCreate(
    {
      secretType: 'RDS-FG',
      agencies: [
        { name: 'csms_fgs_invoke_agency', id: '0123456789abcdef0123456789abcdef' },
        { name: 'fgs_csms_rds_rotation_agency', errorMessage: 'Agency quota exceeded' },
      ],
      exchange: exchange(200, '{"agencies":[]}'),
    },
    0,
  );
  return model;
}

function skewFailure(): CsmsError {
  return new CsmsError('Signature expired', {
    kind: 'http',
    status: 401,
    errorCode: 'APIGW.0301',
    errorMsg: 'Incorrect IAM authentication information: signature expired',
    requestId: REQUEST_ID,
    clockSkewMs: 20 * 60 * 1000 + 3000,
    hint: { key: 'clockBehind', args: { minutes: 20, seconds: 3 } },
    exchange: exchange(401, '{"error_code":"APIGW.0301"}'),
  });
}

function viewOf(model: AgencyModel, node: AgencyNode) {
  return describeNode(model, node, TEXT);
}

describe('agency tree nodes', () => {
  it('shows one node per type with its status and the time of the last check', () => {
    const model = partialCreate();
    model.recordCheck({ secretType: 'GaussDB-FG', granted: true, exchange: exchange(200, '') }, 0);

    const roots = rootNodes(model).map((node) => viewOf(model, node));

    assert.deepEqual(
      roots.map((view) => [view.label, view.description]),
      [
        ['GaussDB-FG', 'granted · 16:00:00'],
        ['RDS-FG', 'failed · 16:00:00'],
      ],
    );
  });

  it('shows a type with some agencies failed as failed, with the agencies under it', () => {
    const model = partialCreate();
    const [type] = rootNodes(model);

    const view = viewOf(model, type);

    assert.equal(view.description, 'failed · 16:00:00');
    assert.equal(view.icon.id, 'error');
    assert.equal(view.collapsible, true);
    assert.equal(childNodes(model, type).filter((node) => node.kind === 'error').length, 0);
  });

  it('shows created agencies with their id and failed ones with their error_msg', () => {
    const model = partialCreate();
    const [type] = rootNodes(model);

    const views = childNodes(model, type).map((node) => viewOf(model, node));

    assert.deepEqual(
      views.map((view) => [view.label, view.description, view.icon.id]),
      [
        ['csms_fgs_invoke_agency', '0123456789abcdef0123456789abcdef', 'pass'],
        ['fgs_csms_rds_rotation_agency', 'Agency quota exceeded', 'error'],
      ],
    );
    assert.match(views[0].contextValue, /\bhasId\b/);
    assert.doesNotMatch(views[1].contextValue, /\bhasId\b/, 'a failed agency has no id to copy');
  });

  it('turns a whole-call failure into a retryable error node above the agencies', () => {
    const model = partialCreate();
    model.recordFailure('RDS-FG', 'create', skewFailure(), 0);
    const [type] = rootNodes(model);

    const children = childNodes(model, type);
    const error = viewOf(model, children[0]);

    assert.equal(children.length, 3);
    assert.equal(error.label, 'Create failed');
    assert.equal(
      error.description,
      '401 APIGW.0301: Incorrect IAM authentication information: signature expired',
    );
    assert.match(error.contextValue, /\berror\b/);
    assert.match(error.contextValue, /\bretryable\b/);
    assert.match(viewOf(model, type).description ?? '', /^failed/);
  });

  it('puts status, code, message, request id, clock skew and hint in the error tooltip', () => {
    const model = new AgencyModel();
    model.recordFailure('RDS-FG', 'create', skewFailure(), 0);
    const [error] = childNodes(model, rootNodes(model)[0]);

    const tooltip = viewOf(model, error).tooltip ?? '';

    assert.match(tooltip, /\| Status \| 401 \|/);
    assert.match(tooltip, /\| Error code \| APIGW.0301 \|/);
    assert.match(tooltip, /signature expired/);
    assert.match(tooltip, new RegExp(REQUEST_ID));
    assert.match(tooltip, /this computer is 20 min 3 s behind the server/);
    assert.match(tooltip, /Your computer clock is 20 min 3 s behind the server clock/);
  });

  it('keeps server text from turning into links or HTML in a tooltip', () => {
    const model = new AgencyModel();
    const hostile = new CsmsError('bad', {
      kind: 'http',
      status: 500,
      errorMsg: '<img src=x> [click](command:evil) | broken',
      hint: { key: 'serverError', args: {} },
    });
    model.recordFailure('RDS-FG', 'check', hostile, 0);
    const [error] = childNodes(model, rootNodes(model)[0]);

    const tooltip = viewOf(model, error).tooltip ?? '';

    assert.ok(tooltip.includes('\\<img src=x\\> \\[click\\](command:evil) \\| broken'), tooltip);
  });

  it('explains agencies and types on hover', () => {
    const model = partialCreate();
    const [type] = rootNodes(model);
    const [created, failed] = childNodes(model, type);

    assert.match(tooltipOf(model, type, TEXT), /2 agencies, 1 failed/);
    assert.match(tooltipOf(model, created, TEXT), /Created\n\n0123456789abcdef0123456789abcdef/);
    assert.match(tooltipOf(model, failed, TEXT), /Not created\n\nAgency quota exceeded/);
  });

  it('falls back to the error message for failures without a hint', () => {
    const model = new AgencyModel();
    model.recordFailure('RDS-FG', 'check', new Error('socket hang up'), 0);
    const [error] = childNodes(model, rootNodes(model)[0]);

    assert.equal(viewOf(model, error).description, 'socket hang up');
    assert.equal(viewOf(model, error).label, 'Check failed');
  });

  it('gives each agency its own id even when the response names one twice', () => {
    const model = new AgencyModel();
    const twice = { name: 'csms_fgs_invoke_agency', id: '0123456789abcdef0123456789abcdef' };
    model.recordCreate(
      { secretType: 'RDS-FG', agencies: [twice, { ...twice }], exchange: exchange(200, '') },
      0,
    );

    const ids = childNodes(model, rootNodes(model)[0]).map((node) => node.id);

    assert.equal(new Set(ids).size, 2);
  });

  it('gives every child its type as parent, so the view can reveal it', () => {
    const model = partialCreate();
    const [type] = rootNodes(model);

    for (const child of childNodes(model, type)) {
      assert.deepEqual(parentNode(child), type);
    }
    assert.equal(parentNode(type), undefined);
  });

  it('accepts only its own nodes as command arguments', () => {
    const model = partialCreate();
    const [type] = rootNodes(model);

    assert.deepEqual(asAgencyNode(type), type);
    assert.equal(asAgencyNode('RDS-FG'), undefined);
    assert.equal(asAgencyNode({ kind: 'type' }), undefined);
    assert.equal(asAgencyNode(null), undefined);
  });
});

describe('Show Details document', () => {
  it('holds method, URL, status, request id and response body, masked', () => {
    const body =
      '{"agencies":[{"agency_name":"a","agency_id":"0123456789abcdef"}],"t":"LEAKED-TOKEN-42"}';
    const text = exchangeDocument('RDS-FG', exchange(200, body), fillPlaceholders, (value) =>
      value.split('LEAKED-TOKEN-42').join('***'),
    );

    assert.match(text, /^POST https:\/\/kms\.cn-north-4\.myhuaweicloud\.com\/v1\/csms\/agencies$/m);
    assert.match(text, /^Status: 200$/m);
    assert.match(text, new RegExp(`^Request id: ${REQUEST_ID}$`, 'm'));
    assert.ok(text.includes('"agency_id": "0123456789abcdef"'), text);
    assert.ok(!text.includes('LEAKED-TOKEN-42'));
  });
});
