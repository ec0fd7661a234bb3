package com.xorstack.gateway.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.web.reactive.config.ResourceHandlerRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;

/**
 * Serves uPlot's browser build from its webjar at {@code /admin/vendor/uplot/}: under
 * {@code /admin}, so it comes with the console's sign-in and policy, and from the gateway
 * itself, so no CDN is trusted. The webjar's version comes from its own Maven metadata,
 * so a version bump in the pom needs no change here.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleChartsConfiguration implements WebFluxConfigurer {

	static final String PATH = "/admin/vendor/uplot/";

	private static final String WEBJAR = "META-INF/maven/org.webjars.npm/uplot/pom.properties";

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		registry.addResourceHandler(PATH + "**")
			.addResourceLocations("classpath:/META-INF/resources/webjars/uplot/" + version() + "/dist/");
	}

	private static String version() {
		try (InputStream in = new ClassPathResource(WEBJAR).getInputStream()) {
			Properties properties = new Properties();
			properties.load(in);
			return properties.getProperty("version");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("uPlot's webjar is missing from the classpath", ex);
		}
	}

}
