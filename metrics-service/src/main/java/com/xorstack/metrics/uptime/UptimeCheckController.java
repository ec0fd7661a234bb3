package com.xorstack.metrics.uptime;

import java.net.URI;
import java.net.UnknownHostException;
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

import com.xorstack.metrics.outbound.OutboundGuard;
import com.xorstack.metrics.outbound.RefusedAddressException;
import com.xorstack.platform.web.InvalidParameterException;

/**
 * CRUD of uptime checks under {@code /api/admin/uptime-checks}. A check's {@code version}
 * is its ETag; PUT with {@code If-Match} replaces it only at that version (412
 * otherwise). The URL's or TCP host's addresses pass the outbound guard before anything
 * is saved (a host that does not resolve now is accepted and checked at every run).
 * Built-in checks are listed but are configuration: PUT and DELETE of one are 409.
 */
@RestController
@RequestMapping("/api/admin/uptime-checks")
class UptimeCheckController {

	private final UptimeCheckRepository checks;

	private final OutboundGuard guard;

	private final UptimeProperties properties;

	private final Clock clock;

	UptimeCheckController(UptimeCheckRepository checks, OutboundGuard guard, UptimeProperties properties, Clock clock) {
		this.checks = checks;
		this.guard = guard;
		this.properties = properties;
		this.clock = clock;
	}

	@GetMapping
	Mono<Map<String, List<UptimeCheck>>> list() {
		return this.checks.findAll().collectList().map((items) -> Map.of("items", items));
	}

	@GetMapping("/{id}")
	Mono<ResponseEntity<UptimeCheck>> get(@PathVariable UUID id) {
		return found(id).map(UptimeCheckController::withEtag);
	}

	@PostMapping
	Mono<ResponseEntity<UptimeCheck>> create(@RequestBody CheckRequest request, @AuthenticationPrincipal Jwt admin) {
		CheckSpec spec = request.validated(this.properties.failuresBeforeDown());
		return guarded(spec).then(uniqueName(spec.name(), new UUID(0, 0)))
			.then(this.checks.insert(spec, name(admin), this.clock.instant()))
			.map((created) -> ResponseEntity.status(HttpStatus.CREATED)
				.eTag("\"" + created.version() + "\"")
				.body(created));
	}

	@PutMapping("/{id}")
	Mono<ResponseEntity<UptimeCheck>> replace(@PathVariable UUID id, @RequestBody CheckRequest request,
			@RequestHeader(name = "If-Match", required = false) @Nullable String ifMatch) {
		CheckSpec spec = request.validated(this.properties.failuresBeforeDown());
		int version = version(ifMatch);
		return guarded(spec).then(found(id))
			.flatMap(UptimeCheckController::notBuiltin)
			.then(uniqueName(spec.name(), id))
			.then(this.checks.update(id, spec, version, this.clock.instant()))
			.flatMap(
					(changed) -> (changed == 0) ? Mono.error(new ResponseStatusException(HttpStatus.PRECONDITION_FAILED,
							"the check has changed since version " + version)) : found(id))
			.map(UptimeCheckController::withEtag);
	}

	@DeleteMapping("/{id}")
	Mono<ResponseEntity<Void>> delete(@PathVariable UUID id) {
		return found(id).flatMap(UptimeCheckController::notBuiltin)
			.then(this.checks.delete(id))
			.thenReturn(ResponseEntity.noContent().build());
	}

	private Mono<Void> guarded(CheckSpec spec) {
		String field = "http".equals(spec.type()) ? "url" : "host";
		String host = spec.target().host();
		URI target = "http".equals(spec.type()) ? URI.create(String.valueOf(spec.target().url())) : URI.create(
				"tcp://" + ((host != null && host.contains(":") && !host.startsWith("[")) ? "[" + host + "]" : host));
		return this.guard.check(target)
			.onErrorMap(RefusedAddressException.class, (ex) -> new InvalidParameterException(field, ex.reason()))
			.onErrorResume(UnknownHostException.class, (ex) -> Mono.empty())
			.then();
	}

	private static Mono<Void> notBuiltin(UptimeCheck check) {
		return UptimeCheckRepository.BUILTIN.equals(check.type())
				? Mono.error(new ResponseStatusException(HttpStatus.CONFLICT,
						"built-in checks are configuration (xorstack.uptime.builtin), not changed through the API"))
				: Mono.empty();
	}

	private Mono<UptimeCheck> found(UUID id) {
		return this.checks.find(id)
			.switchIfEmpty(Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND, "no uptime check " + id)));
	}

	private Mono<Void> uniqueName(String name, UUID except) {
		return this.checks.nameTaken(name, except)
			.flatMap((taken) -> taken ? Mono
				.error(new ResponseStatusException(HttpStatus.CONFLICT, "an uptime check named " + name + " exists"))
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
			throw new InvalidParameterException("If-Match", "must be the ETag of the check, such as \"3\"");
		}
	}

	private static String name(Jwt admin) {
		String username = admin.getClaimAsString("preferred_username");
		return (username != null) ? username : admin.getSubject();
	}

	private static ResponseEntity<UptimeCheck> withEtag(UptimeCheck check) {
		return ResponseEntity.ok().eTag("\"" + check.version() + "\"").body(check);
	}

}
