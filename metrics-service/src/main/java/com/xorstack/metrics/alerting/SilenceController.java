package com.xorstack.metrics.alerting;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/admin/silences}: create, list (those not yet ended), and delete (which ends
 * the silence).
 */
@RestController
@RequestMapping("/api/admin/silences")
class SilenceController {

	private static final String COLUMNS = "id, rule_name, matchers::text as matchers, starts_at, ends_at, comment,"
			+ " created_by, created_at";

	private final DatabaseClient db;

	private final JsonMapper json;

	private final Clock clock;

	SilenceController(DatabaseClient db, JsonMapper json, Clock clock) {
		this.db = db;
		this.json = json;
		this.clock = clock;
	}

	@PostMapping
	Mono<ResponseEntity<Silence>> create(@RequestBody SilenceRequest request, @AuthenticationPrincipal Jwt admin) {
		Instant now = this.clock.instant();
		SilenceRequest silence = request.validated(now);
		UUID id = UUID.randomUUID();
		DatabaseClient.GenericExecuteSpec spec = this.db.sql("insert into silences (id, rule_name, matchers,"
				+ " starts_at, ends_at, comment, created_by, created_at) values (:id, :rule, cast(:matchers as jsonb),"
				+ " :starts, :ends, :comment, :by, :now) returning " + COLUMNS)
			.bind("id", id)
			.bind("matchers", this.json.writeValueAsString(silence.matchers()))
			.bind("starts", silence.startsAt().atOffset(ZoneOffset.UTC))
			.bind("ends", silence.endsAt().atOffset(ZoneOffset.UTC))
			.bind("comment", silence.comment())
			.bind("by", Admins.name(admin))
			.bind("now", now.atOffset(ZoneOffset.UTC));
		spec = (silence.ruleName() != null) ? spec.bind("rule", silence.ruleName())
				: spec.bindNull("rule", String.class);
		return spec.map(this::silence).one().map((created) -> ResponseEntity.status(HttpStatus.CREATED).body(created));
	}

	@GetMapping
	Mono<Map<String, List<Silence>>> list() {
		return this.db.sql("select " + COLUMNS + " from silences where ends_at > :now order by starts_at")
			.bind("now", this.clock.instant().atOffset(ZoneOffset.UTC))
			.map(this::silence)
			.all()
			.collectList()
			.map((items) -> Map.of("items", items));
	}

	@DeleteMapping("/{id}")
	Mono<ResponseEntity<Void>> delete(@PathVariable UUID id) {
		return this.db.sql("delete from silences where id = :id")
			.bind("id", id)
			.fetch()
			.rowsUpdated()
			.map((deleted) -> (deleted == 0) ? ResponseEntity.notFound().build() : ResponseEntity.noContent().build());
	}

	private Silence silence(Readable row) {
		return new Silence(row.get("id", UUID.class), row.get("rule_name", String.class),
				this.json.readValue(row.get("matchers", String.class), new TypeReference<Map<String, String>>() {
				}), row.get("starts_at", OffsetDateTime.class).toInstant(),
				row.get("ends_at", OffsetDateTime.class).toInstant(), row.get("comment", String.class),
				row.get("created_by", String.class), row.get("created_at", OffsetDateTime.class).toInstant());
	}

	record Silence(UUID id, @Nullable String ruleName, Map<String, String> matchers, Instant startsAt, Instant endsAt,
			String comment, String createdBy, Instant createdAt) {
	}

}
