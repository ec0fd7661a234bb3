package com.xorstack.platform.errors;

import java.time.Clock;
import java.util.List;

import io.sentry.Sentry;
import io.sentry.SentryOptions;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Error reporting in every reactive web service: the {@link UnhandledErrorWebFilter} with
 * Sentry (only when {@code SENTRY_DSN} is set) and the Kafka count (when the service has
 * Kafka) as its sinks. {@code xorstack.errors.enabled=false} turns both off. The gateway
 * names routes by its own {@link ErrorRoute} bean and declares its upstream failures as
 * {@link ExpectedErrors}.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnBooleanProperty(name = "xorstack.errors.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SentryProperties.class)
public class ErrorReportingAutoConfiguration {

	@Bean
	UnhandledErrorWebFilter unhandledErrorWebFilter(List<ErrorSink> sinks, ObjectProvider<ErrorRoute> route,
			ObjectProvider<ExpectedErrors> expected, ObjectProvider<Clock> clock, Environment environment) {
		return new UnhandledErrorWebFilter(sinks, route.getIfUnique(ErrorRoute::matchedPattern),
				expected.getIfUnique(ExpectedErrors::none),
				environment.getProperty("spring.application.name", "application"), clock.getIfUnique(Clock::systemUTC));
	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(SentryDsnCondition.class)
	static class SentryConfiguration {

		@Bean
		SentryErrorSink sentryErrorSink(SentryProperties properties, Environment environment) {
			Sentry.init((options) -> configure(options, properties,
					environment.getProperty("spring.application.name", "application")));
			return new SentryErrorSink();
		}

		/**
		 * Nothing the SDK would add of its own accord: no server name, modules,
		 * breadcrumbs or default PII, no client reports, no disk cache, no tracing (the
		 * OpenTelemetry agent traces), no {@code sentry.properties} or environment
		 * lookups beyond these.
		 */
		static void configure(SentryOptions options, SentryProperties properties, String service) {
			options.setDsn(properties.dsn());
			options.setEnvironment(properties.environment());
			options.setRelease(properties.releaseOrDefault());
			options.setTag("service", service);
			options.setSendDefaultPii(false);
			options.setAttachServerName(false);
			options.setSendModules(false);
			options.setMaxBreadcrumbs(0);
			options.setSendClientReports(false);
			options.setCacheDirPath(null);
			options.setEnableExternalConfiguration(false);
			options.setTracesSampleRate(null);
			options.addInAppInclude("com.xorstack");
			options.setBeforeSend(new SentryScrubber());
		}

	}

	/**
	 * No topic declared here: metrics-service and the services' storage gauges declare
	 * {@code system.metrics.v1}, and the gateway may not create topics.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(KafkaTemplate.class)
	@ConditionalOnBean(KafkaTemplate.class)
	static class KafkaConfiguration {

		@Bean
		KafkaErrorSink kafkaErrorSink(KafkaTemplate<String, byte[]> kafka) {
			return new KafkaErrorSink(kafka);
		}

	}

}
