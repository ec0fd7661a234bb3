import type { AiCall } from './aiCall.js';

export interface ApiSettings {
  /** Where the gateway answers, e.g. https://api.example.com */
  apiUrl: string;
  /** The realm's token endpoint: <issuer>/protocol/openid-connect/token */
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
}

/** Rejections of one batch, as POST /api/ai-logs answers them (202). */
export interface BatchAnswer {
  accepted: number;
  duplicates: number;
  rejected: { index: number; id?: string; errors: { field: string; message: string }[] }[];
}

/** The ingest takes at most this many events per request. */
const MAX_BATCH = 1000;

/**
 * Sends AI calls in batches to POST /api/ai-logs with a client-credentials token of the
 * Keycloak client edge-functions (realm role ingest). A 503 or 429 is answered with
 * Retry-After: the batch is sent again, and ids the ingest stored before come back as
 * duplicates.
 */
export class ApiSender {
  private token?: { value: string; expiresAt: number };

  constructor(private readonly settings: ApiSettings) {}

  async send(calls: AiCall[]): Promise<BatchAnswer> {
    const total: BatchAnswer = { accepted: 0, duplicates: 0, rejected: [] };
    for (let from = 0; from < calls.length; from += MAX_BATCH) {
      const answer = await this.sendBatch(calls.slice(from, from + MAX_BATCH));
      total.accepted += answer.accepted;
      total.duplicates += answer.duplicates;
      total.rejected.push(...answer.rejected.map((rejected) => ({ ...rejected, index: rejected.index + from })));
    }
    return total;
  }

  private async sendBatch(events: AiCall[], attempt = 1): Promise<BatchAnswer> {
    const response = await fetch(new URL('/api/ai-logs', this.settings.apiUrl), {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await this.accessToken()}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ events }),
    });
    if ((response.status === 503 || response.status === 429) && attempt < 5) {
      const seconds = Number(response.headers.get('retry-after') ?? '1');
      await new Promise((resolve) => setTimeout(resolve, Math.min(seconds, 30) * 1000));
      return this.sendBatch(events, attempt + 1);
    }
    if (response.status !== 202) {
      throw new Error(`POST /api/ai-logs answered ${response.status}: ${await response.text()}`);
    }
    return (await response.json()) as BatchAnswer;
  }

  /** Fetched once and again shortly before it expires (access tokens live 5 minutes). */
  private async accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt > Date.now() + 30_000) {
      return this.token.value;
    }
    const response = await fetch(this.settings.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: this.settings.clientId,
        client_secret: this.settings.clientSecret,
      }),
    });
    if (!response.ok) {
      throw new Error(`Token endpoint answered ${response.status}: ${await response.text()}`);
    }
    const body = (await response.json()) as { access_token: string; expires_in: number };
    this.token = { value: body.access_token, expiresAt: Date.now() + body.expires_in * 1000 };
    return this.token.value;
  }
}
