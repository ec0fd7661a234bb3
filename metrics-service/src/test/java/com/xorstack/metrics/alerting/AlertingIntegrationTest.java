package com.xorstack.metrics.alerting;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import com.xorstack.metrics.MetricsIntegrationTest;
import com.xorstack.metrics.outbound.OutboundHttp;
import com.xorstack.metrics.rollup.Observation;
import com.xorstack.metrics.rollup.RollupWriter;

/**
 * Shared set-up of the alerting tests: no rules before or after each test, rollups
 * written directly, rules made through the API, and evaluation and delivery driven by the
 * test with the instant it chooses.
 */
abstract class AlertingIntegrationTest extends MetricsIntegrationTest {

	static final Duration TIMEOUT = Duration.ofSeconds(60);

	static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	@Autowired
	AlertEvaluator evaluator;

	@Autowired
	AlertDeliverer deliverer;

	@Autowired
	RollupWriter writer;

	@Autowired
	TransactionalOperator transactions;

	@Autowired
	DatabaseClient db;

	@Autowired
	AlertingProperties properties;

	@Autowired
	MeterRegistry meters;

	@Autowired
	Clock clock;

	@Autowired
	private AlertRuleRepository rules;

	@Autowired
	private AlertStates states;

	@Autowired
	private AlertChanges changes;

	@Autowired
	private AlertNotifications alertNotifications;

	@Autowired
	private RuleValues values;

	@Autowired
	private Notifications sentNotifications;

	@Autowired
	private MailNotifier mail;

	@Autowired
	private SmsNotifier sms;

	@Autowired
	private JsonMapper jsonMapper;

	@Autowired
	private OutboundHttp outbound;

	final Instant t0 = Instant.now();

	/** An evaluator as the application has, with other settings or another clock. */
	AlertEvaluator evaluator(AlertingProperties settings, Clock at) {
		return new AlertEvaluator(this.rules, this.states, this.changes, this.alertNotifications, this.values, this.db,
				this.transactions, settings, this.meters, at);
	}

	/** A deliverer as the application has, with other settings or another clock. */
	AlertDeliverer deliverer(AlertingProperties settings, Clock at) {
		return new AlertDeliverer(this.db, new ReceiverClient(settings, this.mail, this.sms, this.outbound),
				this.sentNotifications, settings, this.jsonMapper, at);
	}

	@BeforeEach
	@AfterEach
	void noRules() {
		this.db.sql("delete from alert_rules").then().block(TIMEOUT);
		this.db.sql("delete from silences").then().block(TIMEOUT);
		this.db.sql("update notification_deliveries set status = 'sent' where status <> 'sent'").then().block(TIMEOUT);
	}

	static String route() {
		return "/alert-test/" + UUID.randomUUID();
	}

	/** Writes {@code count} API calls on the route at {@code at}. */
	void calls(String route, int count, Instant at) {
		List<Observation> observations = IntStream.range(0, count)
			.mapToObj((i) -> new Observation(Observation.API, route, "", "", at, 20.0, false, 0, 0, null, false))
			.toList();
		this.writer.prepare(observations)
			.then(this.transactions.transactional(this.writer.write(observations)))
			.block(TIMEOUT);
	}

	/** Writes {@code count} AI calls of the function and model at {@code at}. */
	void aiCalls(String function, String model, int count, Instant at) {
		List<Observation> observations = IntStream.range(0, count)
			.mapToObj((i) -> new Observation(Observation.AI, function, model, "chat", at, 100.0, false, 10, 10, null,
					true))
			.toList();
		this.writer.prepare(observations)
			.then(this.transactions.transactional(this.writer.write(observations)))
			.block(TIMEOUT);
	}

	/**
	 * A rule "more than 5 calls of the function in 5 minutes", one instance per model.
	 */
	static String perModelRule(String name, String function, String pending, String receivers) {
		return """
				{"name": "%s", "metric": "ai.calls", "labels": {"function": "%s"}, "groupBy": "model",
				 "operator": "above", "threshold": 5, "window": "PT5M", "for": "%s", "severity": "warning",
				 "receivers": [%s]}
				""".formatted(name, function, pending, receivers);
	}

	Map<String, Object> createRule(String body) {
		return this.web.post()
			.uri("/api/admin/alert-rules")
			.headers((headers) -> headers.setBearerAuth(adminToken()))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(JSON)
			.returnResult()
			.getResponseBody();
	}

	/** A rule "more than 5 requests on the route in 5 minutes". */
	static String requestsRule(String name, String route, String pending, String receivers) {
		return """
				{"name": "%s", "metric": "api.requests", "labels": {"route": "%s"}, "operator": "above",
				 "threshold": 5, "window": "PT5M", "for": "%s", "severity": "critical", "receivers": [%s]}
				""".formatted(name, route, pending, receivers);
	}

	static String receiver(String type, String url) {
		return "{\"type\": \"" + type + "\", \"url\": \"" + url + "\"}";
	}

	@SuppressWarnings("unchecked")
	List<Map<String, Object>> alerts(String query) {
		return (List<Map<String, Object>>) this.web.get()
			.uri("/api/admin/alerts" + query)
			.headers((headers) -> headers.setBearerAuth(adminToken()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JSON)
			.returnResult()
			.getResponseBody()
			.get("items");
	}

	String state(Object ruleId) {
		return this.db.sql("select state from alert_state where rule_id = :id")
			.bind("id", UUID.fromString(ruleId.toString()))
			.map((row) -> row.get("state", String.class))
			.one()
			.block(TIMEOUT);
	}

	void tick(Instant at) {
		this.evaluator.tick(at).block(TIMEOUT);
	}

	long deliver(Instant at) {
		return this.deliverer.deliverDue(at).block(TIMEOUT);
	}

}
