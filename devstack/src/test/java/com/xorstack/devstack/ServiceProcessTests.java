package com.xorstack.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ServiceProcessTests {

	@TempDir
	Path dir;

	@Test
	void startsWithItsEnvironmentWaitsForReadinessAndRestartsOnTheSamePort() throws Exception {
		Path jar = jar(FakeService.class.getName());
		int port = Ports.free();
		try (ServiceProcess service = new ServiceProcess("fake-service", JavaRuntime.find(), jar, port, null,
				Map.of("SERVER_PORT", String.valueOf(port), "DB_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/x"),
				this.dir.resolve("logs"))) {
			service.start();
			assertThat(get(service.baseUrl() + "/env/DB_JDBC_URL")).isEqualTo("jdbc:postgresql://127.0.0.1:5432/x");
			ProcessHandle first = ProcessHandle.of(service.pid()).orElseThrow();

			service.stop();
			assertThat(first.isAlive()).isFalse();
			assertThat(service.isRunning()).isFalse();

			service.start();
			assertThat(service.pid()).isNotEqualTo(first.pid());
			assertThat(get(service.baseUrl() + "/actuator/health/readiness")).contains("UP");
			assertThat(service.log()).isEqualTo(this.dir.resolve("logs/fake-service.log"));
			assertThat(Files.readAllLines(service.log())).containsExactly("fake service listening",
					"fake service listening");
		}
	}

	@Test
	void probesReadinessOnTheManagementPortWhenTheServiceHasOne() {
		ServiceProcess plain = new ServiceProcess("plain", JavaRuntime.find(), this.dir.resolve("plain.jar"), 8081,
				null, Map.of(), this.dir.resolve("logs"));
		ServiceProcess managed = new ServiceProcess("managed", JavaRuntime.find(), this.dir.resolve("managed.jar"),
				8080, null, Map.of("MANAGEMENT_PORT", "9080"), this.dir.resolve("logs"));
		assertThat(plain.readinessUrl()).isEqualTo("http://127.0.0.1:8081/actuator/health/readiness");
		assertThat(managed.readinessUrl()).isEqualTo("http://127.0.0.1:9080/actuator/health/readiness");
	}

	@Test
	void serviceThatExitsFailsWithItsLog() throws Exception {
		Path jar = jar("com.xorstack.devstack.NoSuchMain");
		ServiceProcess service = new ServiceProcess("broken-service", JavaRuntime.find(), jar, Ports.free(), null,
				Map.of(), this.dir.resolve("logs"));
		assertThatExceptionOfType(DevStackException.class).isThrownBy(service::start)
			.withMessageStartingWith("broken-service exited with code 1 before it was ready; see "
					+ this.dir.resolve("logs/broken-service.log") + ", last lines:\n")
			.withMessageContaining("com.xorstack.devstack.NoSuchMain");
		assertThat(service.isRunning()).isFalse();
	}

	/** An executable jar of the test's FakeService, like a service's exec jar. */
	private Path jar(String mainClass) throws IOException {
		Manifest manifest = new Manifest();
		manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
		manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
		Path jar = this.dir.resolve("fake-service-exec.jar");
		String entry = FakeService.class.getName().replace('.', '/') + ".class";
		try (OutputStream file = Files.newOutputStream(jar);
				JarOutputStream out = new JarOutputStream(file, manifest);
				InputStream in = FakeService.class.getClassLoader().getResourceAsStream(entry)) {
			out.putNextEntry(new JarEntry(entry));
			in.transferTo(out);
			out.closeEntry();
		}
		return jar;
	}

	private static String get(String url) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
			.body();
	}

}
