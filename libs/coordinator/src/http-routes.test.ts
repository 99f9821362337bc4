import type { IncomingMessage, ServerResponse } from 'node:http';
import { RoundStage } from '@edgefl/protocol';
import type { CoordinatorStatus } from './coordinator-events';
import { silentLogger } from './coordinator-logger';
import { healthzRoute } from './healthz-route';
import type { HttpRoute } from './http-route';
import { createMetricsRoute } from './metrics-route';
import { createStatusRoute } from './status-route';

/** What a route wrote, without a server. */
interface Answer {
  handled: boolean;
  status?: number;
  headers?: Record<string, string>;
  body?: string;
}

function ask(route: HttpRoute, method: string, url: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve) => {
    const answer: Answer = { handled: false };
    const response = {
      writeHead(status: number, head: Record<string, string>) {
        answer.status = status;
        answer.headers = head;
        return this;
      },
      end(body?: string) {
        answer.body = body;
        resolve(answer);
      },
    } as unknown as ServerResponse;
    answer.handled = route({ method, url, headers } as IncomingMessage, response);
    if (!answer.handled) resolve(answer);
  });
}

const STATUS: CoordinatorStatus = {
  runId: 'run',
  round: 2,
  attempt: 1,
  stage: RoundStage.Train,
  modelVersion: 1,
  clientsConnected: 3,
  rounds: 5,
};

describe('HTTP routes of the front (no server)', () => {
  it('GET /healthz answers ok to anyone and leaves other paths to the next route', async () => {
    expect(await ask(healthzRoute, 'GET', '/healthz?x=1')).toMatchObject({
      handled: true,
      status: 200,
      body: '{"status":"ok"}',
    });
    expect(await ask(healthzRoute, 'POST', '/healthz')).toEqual({ handled: false });
    expect(await ask(healthzRoute, 'GET', '/api/status')).toEqual({ handled: false });
  });

  it('GET /api/status serves the status, behind the admin token when one is set', async () => {
    const open = createStatusRoute(() => STATUS, {});
    const answer = await ask(open, 'GET', '/api/status');
    expect(answer).toMatchObject({ handled: true, status: 200 });
    expect(JSON.parse(answer.body ?? '')).toEqual(STATUS);
    const guarded = createStatusRoute(() => STATUS, { adminToken: 'admin', metricsToken: 'scrape' });
    expect(await ask(guarded, 'GET', '/api/status')).toMatchObject({ status: 401 });
    expect(await ask(guarded, 'GET', '/api/status', { authorization: 'Bearer scrape' })).toMatchObject({ status: 401 });
    expect(await ask(guarded, 'GET', '/api/status', { authorization: 'Bearer admin' })).toMatchObject({ status: 200 });
  });

  it('GET /metrics renders the metrics for the admin or the metrics token, and answers 500 when rendering fails', async () => {
    const contentType = 'text/plain; version=0.0.4; charset=utf-8' as const;
    const metrics = { contentType, render: async () => 'edgefl_up 1\n' };
    const route = createMetricsRoute(metrics, { adminToken: 'admin', metricsToken: 'scrape' }, silentLogger);
    expect(await ask(route, 'GET', '/metrics')).toMatchObject({ status: 401 });
    expect(await ask(route, 'GET', '/metrics?token=scrape')).toMatchObject({
      status: 200,
      body: 'edgefl_up 1\n',
      headers: { 'content-type': contentType },
    });
    const failing = createMetricsRoute(
      { contentType, render: () => Promise.reject(new Error('registry broke')) },
      {},
      silentLogger,
    );
    expect(await ask(failing, 'GET', '/metrics')).toMatchObject({ status: 500, body: '{"error":"metrics failed"}' });
  });
});
