package com.xorstack.metrics.uptime;

import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code xorstack.uptime}: how often due checks are looked for, how many
 * one replica claims and runs at once, how many consecutive failures open an incident
 * unless a check says otherwise, how long raw results and daily counts are kept, whether
 * the public status page's data ({@code GET /api/status}) is served (off by default), and
 * the built-in checks of the suite (operator configuration, not admin-given, so they do
 * not pass the outbound guard; one with no target is skipped).
 */
@ConfigurationProperties("xorstack.uptime")
public record UptimeProperties(@DefaultValue("PT5S") Duration tick, @DefaultValue("500") int batch,
		@DefaultValue("64") int concurrency, @DefaultValue("2") int failuresBeforeDown,
		@DefaultValue("PT2M") Duration lease, @DefaultValue("P7D") Duration resultsRetention,
		@DefaultValue("P400D") Duration dailyRetention, @DefaultValue("false") boolean publicStatus,
		@DefaultValue Map<String, Builtin> builtin) {

	/**
	 * One built-in check: {@code http} (a GET of {@code url} answering 2xx), {@code tcp}
	 * (a connect to {@code host}:{@code port}) or {@code database} (a {@code select 1}
	 * over a new R2DBC connection to {@code url} as {@code username}).
	 */
	public record Builtin(String type, @Nullable String url, @Nullable String host, @Nullable Integer port,
			@Nullable String username, @Nullable String password) {

		boolean configured() {
			return switch (this.type) {
				case "tcp" -> this.host != null && !this.host.isBlank() && this.port != null;
				default -> this.url != null && !this.url.isBlank();
			};
		}

	}

}
