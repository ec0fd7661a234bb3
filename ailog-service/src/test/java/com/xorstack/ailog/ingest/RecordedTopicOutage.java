package com.xorstack.ailog.ingest;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

import com.xorstack.devstack.TestStack;
import com.xorstack.platform.events.Topics;

/**
 * Makes the real broker refuse every record sent to {@code ailog.recorded.v1} until
 * {@link #end()}: the topic's {@code max.message.bytes} is cut below the size of any
 * record batch, so each publish fails (non-retriable), as it would while that topic is
 * broken.
 */
final class RecordedTopicOutage implements AutoCloseable {

	private static final ConfigResource TOPIC = new ConfigResource(ConfigResource.Type.TOPIC, Topics.AILOG_RECORDED);

	private final Admin admin;

	private boolean ended;

	RecordedTopicOutage() throws Exception {
		Properties config = new Properties();
		config.putAll(TestStack.get().kafkaAdminProperties());
		this.admin = Admin.create(config);
		alter(new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "16"), AlterConfigOp.OpType.SET));
		// the broker applies the change asynchronously: wait until it reports it
		for (int i = 0; i < 100 && !"16".equals(maxMessageBytes()); i++) {
			Thread.sleep(100);
		}
	}

	/**
	 * The committed offset of the ingest listener's consumer group on a partition of
	 * {@code ailog.ingest.v1}, or -1.
	 */
	long committedOffset(int partition) throws Exception {
		// the listener's id names its group (spring-kafka's idIsGroup)
		Map<TopicPartition, OffsetAndMetadata> offsets = this.admin.listConsumerGroupOffsets("ailog-ingest")
			.partitionsToOffsetAndMetadata()
			.get();
		OffsetAndMetadata offset = offsets.get(new TopicPartition(Topics.AILOG_INGEST, partition));
		return (offset != null) ? offset.offset() : -1;
	}

	/** The topic takes records again. */
	void end() throws Exception {
		if (!this.ended) {
			alter(new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, ""),
					AlterConfigOp.OpType.DELETE));
			this.ended = true;
		}
	}

	@Override
	public void close() throws Exception {
		try {
			end();
		}
		finally {
			this.admin.close();
		}
	}

	private void alter(AlterConfigOp op) throws Exception {
		this.admin.incrementalAlterConfigs(Map.of(TOPIC, List.of(op))).all().get();
	}

	private String maxMessageBytes() throws Exception {
		return this.admin.describeConfigs(List.of(TOPIC))
			.all()
			.get()
			.get(TOPIC)
			.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG)
			.value();
	}

}
