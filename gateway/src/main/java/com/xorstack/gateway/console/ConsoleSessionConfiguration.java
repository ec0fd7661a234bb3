package com.xorstack.gateway.console;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveRedisTemplate;
import org.springframework.data.redis.serializer.JdkSerializationRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializationContext;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.session.data.redis.ReactiveRedisSessionRepository;
import org.springframework.session.web.server.session.SpringSessionWebSessionStore;
import org.springframework.web.server.WebSession;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.InMemoryWebSessionStore;
import org.springframework.web.server.session.WebSessionIdResolver;
import org.springframework.web.server.session.WebSessionManager;
import org.springframework.web.server.session.WebSessionStore;

/**
 * Where console sessions live, decided by the one Redis switch of the gateway
 * ({@code xorstack.gateway.rate-limit.redis-enabled}): in Redis, shared by every replica
 * and surviving restarts, or, without Redis, in this process as before. Both session
 * managers read the session id through the {@code webSessionIdResolver} bean, so the
 * cookie keeps its name and attributes either way.
 * <p>
 * Built here rather than by Spring Boot's Redis session auto-configuration (excluded in
 * {@code application.yml}): that one starts whenever a Redis connection factory exists,
 * which the gateway always has, so it would put sessions in Redis even with Redis
 * switched off.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSessionConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(ConsoleSessionConfiguration.class);

	private static final String SWITCH = "xorstack.gateway.rate-limit.redis-enabled";

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = SWITCH, matchIfMissing = true)
	static class RedisSessions {

		/**
		 * Sessions as Redis hashes under {@code <namespace>:sessions:<id>}, expiring
		 * after the idle timeout. Attribute values are JDK-serialized on purpose:
		 * everything Spring Security keeps there (the SecurityContext with its
		 * DefaultOidcUser, the OAuth2AuthorizedClient, the saved authorization request)
		 * is Serializable with a fixed serialVersionUID, whereas JSON would need Spring
		 * Security's Jackson modules and an allowlist of polymorphic types kept in step
		 * with every class we store. The price: an upgrade that changes these classes
		 * incompatibly signs people out. Every value is then sealed with AES-GCM
		 * ({@link SessionCipher}): the tokens are not readable from Redis, and nothing
		 * written there without the key is ever deserialized. Without a key the gateway
		 * does not start.
		 */
		@Bean
		ReactiveRedisSessionRepository consoleSessionRepository(ReactiveRedisConnectionFactory redis,
				ConsoleProperties properties) {
			SessionCipher cipher = SessionCipher.of(properties.sessionKey(), properties.previousSessionKeys());
			RedisSerializer<String> keys = RedisSerializer.string();
			RedisSerializer<Object> values = new SealedRedisSerializer(
					new JdkSerializationRedisSerializer(getClass().getClassLoader()), cipher);
			RedisSerializationContext<String, Object> serialization = RedisSerializationContext
				.<String, Object>newSerializationContext(values)
				.key(keys)
				.hashKey(keys)
				.build();
			ReactiveRedisSessionRepository sessions = new ReactiveRedisSessionRepository(
					new ReactiveRedisTemplate<>(redis, serialization));
			sessions.setRedisKeyNamespace(properties.sessionNamespace());
			sessions.setDefaultMaxInactiveInterval(properties.sessionTimeout());
			logger.info(
					"Console sessions in Redis under {}:sessions, idle timeout {}, values encrypted with AES-GCM"
							+ " ({} previous keys readable)",
					properties.sessionNamespace(), properties.sessionTimeout(),
					properties.previousSessionKeys().size());
			return sessions;
		}

		@Bean(WebHttpHandlerBuilder.WEB_SESSION_MANAGER_BEAN_NAME)
		WebSessionManager webSessionManager(ReactiveRedisSessionRepository consoleSessionRepository,
				WebSessionIdResolver webSessionIdResolver) {
			return manager(new SpringSessionWebSessionStore<>(new UnreadableSessionsAbsent<>(consoleSessionRepository)),
					webSessionIdResolver);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = SWITCH, havingValue = false)
	static class InMemorySessions {

		@Bean(WebHttpHandlerBuilder.WEB_SESSION_MANAGER_BEAN_NAME)
		WebSessionManager webSessionManager(WebSessionIdResolver webSessionIdResolver, ConsoleProperties properties) {
			logger.warn("Console sessions: no Redis, so they are kept in this process only; a console user is signed"
					+ " out when the gateway restarts or another replica answers. Set XORSTACK_REDIS_ENABLED=true"
					+ " to share them.");
			return manager(new IdleTimeoutInMemoryStore(properties.sessionTimeout()), webSessionIdResolver);
		}

	}

	private static WebSessionManager manager(WebSessionStore store, WebSessionIdResolver resolver) {
		DefaultWebSessionManager manager = new DefaultWebSessionManager();
		manager.setSessionStore(store);
		manager.setSessionIdResolver(resolver);
		return manager;
	}

	/** The in-memory store with the same idle timeout as sessions in Redis. */
	private static final class IdleTimeoutInMemoryStore extends InMemoryWebSessionStore {

		private final Duration timeout;

		IdleTimeoutInMemoryStore(Duration timeout) {
			this.timeout = timeout;
		}

		@Override
		public Mono<WebSession> createWebSession() {
			return super.createWebSession().doOnNext((session) -> session.setMaxIdleTime(this.timeout));
		}

	}

}
