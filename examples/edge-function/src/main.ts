import { randomUUID } from 'node:crypto';

import { recordCall, type AiCall, type ModelAnswer } from './aiCall.js';
import { ApiSender } from './apiSender.js';
import { KafkaSender } from './kafkaSender.js';

/**
 * An edge function's AI calls, reported to Xorstack. The model here is a stand-in that
 * answers after a few milliseconds; put the real client's call in its place.
 *
 *   XORSTACK_SINK=kafka (default) or http; CALLS (3); FUNCTION_NAME (symptom-summary)
 *   kafka: KAFKA_BROKERS (localhost:9094), KAFKA_USERNAME (edge-functions), KAFKA_PASSWORD,
 *          KAFKA_SSL (false)
 *   http:  XORSTACK_API_URL (http://localhost:8080), OIDC_ISSUER_URI
 *          (http://localhost:8180/realms/xorstack), OIDC_CLIENT_ID (edge-functions),
 *          OIDC_CLIENT_SECRET
 *
 * Prints one JSON line: the sink and the ids of the calls it sent.
 */
async function main(): Promise<void> {
  const sink = setting('XORSTACK_SINK', 'kafka');
  const functionName = setting('FUNCTION_NAME', 'symptom-summary');
  const count = Number(setting('CALLS', '3'));
  const sessionId = randomUUID();

  const calls: AiCall[] = [];
  for (let i = 0; i < count; i++) {
    const { call } = await recordCall(
      { functionName, provider: 'example', requestModel: 'example-model', userId: 'u-4711', sessionId },
      `Summarise today's symptoms, question ${i + 1}`,
      standInModel,
    );
    calls.push(call);
  }

  if (sink === 'kafka') {
    const sender = new KafkaSender({
      brokers: setting('KAFKA_BROKERS', 'localhost:9094').split(','),
      username: setting('KAFKA_USERNAME', 'edge-functions'),
      password: required('KAFKA_PASSWORD'),
      ssl: setting('KAFKA_SSL', 'false') === 'true',
      source: `/edge-functions/${functionName}`,
    });
    await sender.connect();
    try {
      await sender.send(calls);
    } finally {
      await sender.disconnect();
    }
  } else if (sink === 'http') {
    const issuer = setting('OIDC_ISSUER_URI', 'http://localhost:8180/realms/xorstack');
    const answer = await new ApiSender({
      apiUrl: setting('XORSTACK_API_URL', 'http://localhost:8080'),
      tokenUrl: `${issuer}/protocol/openid-connect/token`,
      clientId: setting('OIDC_CLIENT_ID', 'edge-functions'),
      clientSecret: required('OIDC_CLIENT_SECRET'),
    }).send(calls);
    if (answer.rejected.length > 0) {
      throw new Error(`The ingest rejected ${JSON.stringify(answer.rejected)}`);
    }
  } else {
    throw new Error(`XORSTACK_SINK must be kafka or http, not ${sink}`);
  }
  console.log(JSON.stringify({ sink, ids: calls.map((call) => call.id) }));
}

async function standInModel(prompt: string): Promise<ModelAnswer> {
  await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20));
  return {
    text: `Here is a short summary for: ${prompt}`,
    responseModel: 'example-model-2026-01-01',
    inputTokens: Math.ceil(prompt.length / 4),
    outputTokens: 42,
    finishReason: 'stop',
  };
}

function setting(name: string, fallback: string): string {
  const value = process.env[name];
  return value === undefined || value === '' ? fallback : value;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`Set ${name}`);
  }
  return value;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack ?? error.message : error);
  process.exit(1);
});
