package com.xorstack.devstack;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The Keycloak server distribution from Maven Central, unpacked once per version into the
 * cache. Keycloak writes its build (lib/quarkus) into this directory on the first start,
 * so it is shared state: see {@link KeycloakServer} for who may start it when.
 */
final class KeycloakDistribution {

	private KeycloakDistribution() {
	}

	static Path home(Artifacts artifacts) {
		Path archive = Artifacts.existing(artifacts.keycloakDist());
		return Cache.directory("keycloak-" + artifacts.keycloakVersion(), (empty) -> unpack(archive, empty));
	}

	// tar keeps the modes (kc.sh must stay executable) and is wherever kc.sh runs
	private static void unpack(Path archive, Path into) throws IOException {
		List<String> command = List.of("tar", "-xzf", archive.toString(), "-C", into.toString(),
				"--strip-components=1");
		Process tar = new ProcessBuilder(command).redirectErrorStream(true).start();
		try {
			String output = new String(tar.getInputStream().readAllBytes());
			if (tar.waitFor() != 0) {
				throw new IOException("tar failed: " + output.strip());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			tar.destroyForcibly();
			throw new IOException("interrupted while unpacking " + archive, ex);
		}
	}

}
