package com.xorstack.devstack;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuditChainKeyTests {

	@Test
	void theKeyIsMadeOnceAndOnlyItsOwnerCanReadIt() throws Exception {
		String key = AuditChainKey.get();
		assertThat(key).hasSizeGreaterThanOrEqualTo(32).isEqualTo(AuditChainKey.get());
		assertThat(
				PosixFilePermissions.toString(Files.getPosixFilePermissions(Cache.root().resolve("audit-chain.key"))))
			.isEqualTo("rw-------");
	}

}
