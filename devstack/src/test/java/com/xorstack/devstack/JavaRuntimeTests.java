package com.xorstack.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class JavaRuntimeTests {

	@TempDir
	Path jvms;

	@Test
	void findsAJdkOfAtLeast21() {
		JavaRuntime java = JavaRuntime.find();
		assertThat(java.version()).isGreaterThanOrEqualTo(21);
		assertThat(java.java()).isExecutable();
	}

	@Test
	void readsTheVersionFromTheReleaseFile() throws IOException {
		assertThat(JavaRuntime.of(jdk("jdk-17", "17.0.15"))).isEmpty();
		assertThat(JavaRuntime.of(jdk("jdk-8", "1.8.0_402"))).isEmpty();
		assertThat(JavaRuntime.of(jdk("jdk-21", "21.0.7"))).hasValueSatisfying((java) -> {
			assertThat(java.version()).isEqualTo(21);
			assertThat(java.home()).isEqualTo(this.jvms.resolve("jdk-21"));
		});
	}

	@Test
	void directoryWithoutAJavaIsNoJdk() throws IOException {
		Path home = Files.createDirectories(this.jvms.resolve("jre-parts"));
		Files.writeString(home.resolve("release"), "JAVA_VERSION=\"25\"\n");
		assertThat(JavaRuntime.of(home)).isEmpty();
	}

	private Path jdk(String name, String version) throws IOException {
		Path home = Files.createDirectories(this.jvms.resolve(name).resolve("bin")).getParent();
		Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
		Files.createFile(home.resolve("bin/java"),
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
		return home;
	}

}
