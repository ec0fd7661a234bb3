package com.xorstack.metrics.alerting;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import com.xorstack.platform.web.InvalidParameterException;

/**
 * CRUD of alert rules under {@code /api/admin/alert-rules}. A rule's {@code version} is
 * its ETag; a PUT with {@code If-Match} replaces it only at that version (412 otherwise).
 * Receiver URLs pass the outbound guard ({@link ReceiverUrls}) before anything is saved.
 */
@RestController
@RequestMapping("/api/admin/alert-rules")
class AlertRuleController {

	private final AlertRuleRepository rules;

	private final AlertStates states;

	private final ReceiverUrls receiverUrls;

	private final Clock clock;

	AlertRuleController(AlertRuleRepository rules, AlertStates states, ReceiverUrls receiverUrls, Clock clock) {
		this.rules = rules;
		this.states = states;
		this.receiverUrls = receiverUrls;
		this.clock = clock;
	}

	@GetMapping
	Mono<Map<String, List<AlertRule>>> list() {
		return this.rules.findAll().collectList().map((items) -> Map.of("items", items));
	}

	@GetMapping("/{id}")
	Mono<ResponseEntity<AlertRule>> get(@PathVariable UUID id) {
		return found(id).map(AlertRuleController::withEtag);
	}

	/**
	 * The rule's alert instances now (at most {@code max-instances-per-rule}, one page):
	 * labels, state and since when, last value, what the receivers were last told.
	 */
	@GetMapping("/{id}/instances")
	Mono<Map<String, List<AlertStates.Instance>>> instances(@PathVariable UUID id) {
		return found(id).flatMap((rule) -> this.states.instances(rule).collectList())
			.map((items) -> Map.of("items", items));
	}

	@PostMapping
	Mono<ResponseEntity<AlertRule>> create(@RequestBody RuleRequest request, @AuthenticationPrincipal Jwt admin) {
		RuleRequest rule = request.validated();
		return this.receiverUrls.check(rule.receivers())
			.then(uniqueName(rule.name(), new UUID(0, 0)))
			.then(this.rules.insert(rule, Admins.name(admin), this.clock.instant()))
			.map((created) -> ResponseEntity.status(HttpStatus.CREATED)
				.eTag("\"" + created.version() + "\"")
				.body(created));
	}

	@PutMapping("/{id}")
	Mono<ResponseEntity<AlertRule>> replace(@PathVariable UUID id, @RequestBody RuleRequest request,
			@RequestHeader(name = "If-Match", required = false) @Nullable String ifMatch) {
		RuleRequest rule = request.validated();
		int version = version(ifMatch);
		return this.receiverUrls.check(rule.receivers())
			.then(found(id))
			.then(uniqueName(rule.name(), id))
			.then(this.rules.update(id, rule, version, this.clock.instant()))
			.flatMap(
					(changed) -> (changed == 0) ? Mono.error(new ResponseStatusException(HttpStatus.PRECONDITION_FAILED,
							"the rule has changed since version " + version)) : found(id))
			.map(AlertRuleController::withEtag);
	}

	@DeleteMapping("/{id}")
	Mono<ResponseEntity<Void>> delete(@PathVariable UUID id) {
		return this.rules.delete(id)
			.map((deleted) -> (deleted == 0) ? ResponseEntity.notFound().build() : ResponseEntity.noContent().build());
	}

	private Mono<AlertRule> found(UUID id) {
		return this.rules.find(id)
			.switchIfEmpty(Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND, "no alert rule " + id)));
	}

	private Mono<Void> uniqueName(String name, UUID except) {
		return this.rules.nameTaken(name, except)
			.flatMap((taken) -> taken
					? Mono.error(
							new ResponseStatusException(HttpStatus.CONFLICT, "an alert rule named " + name + " exists"))
					: Mono.empty());
	}

	private static int version(@Nullable String ifMatch) {
		if (ifMatch == null) {
			return -1;
		}
		try {
			return Integer.parseInt(ifMatch.replace("W/", "").replace("\"", "").strip());
		}
		catch (NumberFormatException ex) {
			throw new InvalidParameterException("If-Match", "must be the ETag of the rule, such as \"3\"");
		}
	}

	private static ResponseEntity<AlertRule> withEtag(AlertRule rule) {
		return ResponseEntity.ok().eTag("\"" + rule.version() + "\"").body(rule);
	}

}
