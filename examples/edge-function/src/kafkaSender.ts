import { Kafka, Partitioners, logLevel, type Producer } from 'kafkajs';

import type { AiCall } from './aiCall.js';

export const AI_CALL_TYPE = 'com.xorstack.ailog.call.v1';
export const INGEST_TOPIC = 'ailog.ingest.v1';

export interface KafkaSettings {
  brokers: string[];
  username: string;
  password: string;
  /** SASL_SSL instead of SASL_PLAINTEXT. */
  ssl: boolean;
  /** ce_source: who sent it; any URI but a service's own (/ailog-service, ...). */
  source: string;
}

/**
 * Sends AI calls as CloudEvents 1.0 in Kafka binary mode, as platform's
 * CloudEventRecords reads them: the attributes in ce_* headers, the call as JSON in
 * the value, ce_id = the call's id (the ingest's idempotency key).
 */
export class KafkaSender {
  private readonly producer: Producer;

  constructor(private readonly settings: KafkaSettings) {
    const kafka = new Kafka({
      clientId: 'xorstack-edge-function-example',
      brokers: settings.brokers,
      ssl: settings.ssl,
      // the broker's user edge-functions: SCRAM-SHA-512, allowed to write only
      // ailog.ingest.v1, usage.events.v1 and system.metrics.v1
      sasl: { mechanism: 'scram-sha-512', username: settings.username, password: settings.password },
      logLevel: logLevel.WARN,
    });
    this.producer = kafka.producer({
      // the user may not create topics: ailog-service creates its topic at start
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
      idempotent: false,
    });
  }

  async connect(): Promise<void> {
    await this.producer.connect();
  }

  /** Resolves once the broker has acknowledged every call (acks from all replicas). */
  async send(calls: AiCall[]): Promise<void> {
    await this.producer.send({
      topic: INGEST_TOPIC,
      acks: -1,
      messages: calls.map((call) => ({
        key: call.id,
        value: JSON.stringify(call),
        headers: {
          ce_specversion: '1.0',
          ce_id: call.id,
          ce_type: AI_CALL_TYPE,
          ce_source: this.settings.source,
          ce_time: call.occurredAt,
          'content-type': 'application/json',
        },
      })),
    });
  }

  async disconnect(): Promise<void> {
    await this.producer.disconnect();
  }
}
