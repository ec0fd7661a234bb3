import { createHash, randomUUID } from 'node:crypto';

/**
 * One AI call as Xorstack's ingest takes it: schema com.xorstack.ailog.call.v1
 * (platform/src/main/resources/schemas/ailog.call.v1.json, also served by the gateway
 * at /schemas/ailog.call.v1.json). Names follow the OpenTelemetry GenAI conventions.
 */
export interface AiCall {
  id: string;
  occurredAt: string;
  functionName: string;
  operation?: string;
  provider?: string;
  requestModel?: string;
  responseModel?: string;
  inputHash?: string;
  outputPreview?: string;
  durationMs?: number;
  timeToFirstTokenMs?: number;
  inputTokens?: number;
  outputTokens?: number;
  cacheReadInputTokens?: number;
  status: 'success' | 'error';
  errorType?: string;
  finishReasons?: string[];
  userId?: string;
  sessionId?: string;
  conversationId?: string;
  traceId?: string;
  spanId?: string;
  attributes?: Record<string, string>;
}

/** What a model answered, as the edge function's model client reports it. */
export interface ModelAnswer {
  text: string;
  responseModel: string;
  inputTokens: number;
  outputTokens: number;
  finishReason: string;
}

export interface CallContext {
  functionName: string;
  provider: string;
  requestModel: string;
  /** Pseudonymous: never an e-mail address or a name (this is health data). */
  userId?: string;
  sessionId?: string;
}

/** The preview is cut here; ingest redacts it again and keeps at most 500 characters. */
const PREVIEW_LENGTH = 200;

/**
 * Calls the model and describes the call, whether it answered or failed. The prompt
 * itself never leaves the function: only its SHA-256 (duplicate detection) does.
 */
export async function recordCall(
  context: CallContext,
  prompt: string,
  model: (prompt: string) => Promise<ModelAnswer>,
): Promise<{ answer?: ModelAnswer; call: AiCall }> {
  const occurredAt = new Date();
  const started = performance.now();
  const base: AiCall = {
    id: randomUUID(),
    occurredAt: occurredAt.toISOString(),
    functionName: context.functionName,
    operation: 'chat',
    provider: context.provider,
    requestModel: context.requestModel,
    inputHash: createHash('sha256').update(prompt, 'utf8').digest('hex'),
    status: 'success',
    userId: context.userId,
    sessionId: context.sessionId,
  };
  try {
    const answer = await model(prompt);
    return {
      answer,
      call: {
        ...base,
        responseModel: answer.responseModel,
        durationMs: Math.round(performance.now() - started),
        inputTokens: answer.inputTokens,
        outputTokens: answer.outputTokens,
        finishReasons: [answer.finishReason],
        outputPreview: redact(answer.text).slice(0, PREVIEW_LENGTH),
      },
    };
  } catch (error) {
    return {
      call: {
        ...base,
        status: 'error',
        durationMs: Math.round(performance.now() - started),
        errorType: error instanceof Error ? error.name : 'Error',
      },
    };
  }
}

/**
 * A first pass at the edge: what never leaves the function is in no topic at all
 * (ailog.ingest.v1 holds text before the ingest's own redaction for a day).
 */
function redact(text: string): string {
  return text
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '[email]')
    .replace(/\+?\d[\d ()-]{7,}\d/g, '[number]');
}
