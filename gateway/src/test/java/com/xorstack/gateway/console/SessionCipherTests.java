package com.xorstack.gateway.console;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class SessionCipherTests {

	private static final byte[] TOKEN = "eyJhbGciOiJSUzI1NiJ9.access-token".getBytes(StandardCharsets.UTF_8);

	private final String oldKey = newKey();

	private final String newKey = newKey();

	@Test
	void aSealedValueOpensToWhatWasSealedAndShowsNoneOfIt() {
		SessionCipher cipher = SessionCipher.of(this.newKey, List.of());
		byte[] sealed = cipher.seal(TOKEN);
		assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("eyJ").doesNotContain("access");
		assertThat(cipher.open(sealed)).isEqualTo(TOKEN);
	}

	@Test
	void everyWriteHasANonceOfItsOwn() {
		SessionCipher cipher = SessionCipher.of(this.newKey, List.of());
		assertThat(cipher.seal(TOKEN)).isNotEqualTo(cipher.seal(TOKEN));
	}

	@Test
	void aValueSealedWithTheOldKeyIsReadAfterRotationAndNewValuesUseTheNewKey() {
		byte[] beforeRotation = SessionCipher.of(this.oldKey, List.of()).seal(TOKEN);
		SessionCipher rotated = SessionCipher.of(this.newKey, List.of(this.oldKey));
		assertThat(rotated.open(beforeRotation)).isEqualTo(TOKEN);

		byte[] afterRotation = rotated.seal(TOKEN);
		assertThat(SessionCipher.of(this.newKey, List.of()).open(afterRotation)).isEqualTo(TOKEN);
		assertThatExceptionOfType(SessionCipher.UnreadableValueException.class)
			.isThrownBy(() -> SessionCipher.of(this.oldKey, List.of()).open(afterRotation));
	}

	@Test
	void onceTheOldKeyIsDroppedItsValuesAreUnreadable() {
		byte[] sealed = SessionCipher.of(this.oldKey, List.of()).seal(TOKEN);
		assertThatExceptionOfType(SessionCipher.UnreadableValueException.class)
			.isThrownBy(() -> SessionCipher.of(this.newKey, List.of()).open(sealed))
			.withMessageContaining("neither current nor previous");
	}

	@Test
	void aChangeToAnyByteIsRefused() {
		SessionCipher cipher = SessionCipher.of(this.newKey, List.of(this.oldKey));
		byte[] sealed = cipher.seal(TOKEN);
		for (int i = 0; i < sealed.length; i++) {
			byte[] tampered = sealed.clone();
			tampered[i] ^= 0x01;
			assertThatExceptionOfType(SessionCipher.UnreadableValueException.class).as("byte %d changed", i)
				.isThrownBy(() -> cipher.open(tampered));
		}
	}

	@Test
	void shortOrPlainValuesAreRefused() {
		SessionCipher cipher = SessionCipher.of(this.newKey, List.of());
		byte[] sealed = cipher.seal(TOKEN);
		assertThatExceptionOfType(SessionCipher.UnreadableValueException.class)
			.isThrownBy(() -> cipher.open(Arrays.copyOf(sealed, sealed.length - 1)));
		assertThatExceptionOfType(SessionCipher.UnreadableValueException.class)
			.isThrownBy(() -> cipher.open(Arrays.copyOf(sealed, 20)));
		assertThatExceptionOfType(SessionCipher.UnreadableValueException.class).isThrownBy(() -> cipher.open(TOKEN));
	}

	@Test
	void aMissingKeyFailsNamingTheVariableAndHowToMakeOne() {
		assertThatIllegalStateException().isThrownBy(() -> SessionCipher.of(null, List.of()))
			.withMessageStartingWith("XORSTACK_CONSOLE_SESSION_KEY is not set")
			.withMessageContaining("openssl rand -base64 32");
		assertThatIllegalStateException().isThrownBy(() -> SessionCipher.of(" ", List.of()))
			.withMessageStartingWith("XORSTACK_CONSOLE_SESSION_KEY is not set");
	}

	@Test
	void keysThatAreNot32BytesOfBase64AreRefused() {
		String short16 = Base64.getEncoder().encodeToString(new byte[16]);
		assertThatIllegalStateException().isThrownBy(() -> SessionCipher.of(short16, List.of()))
			.withMessage("XORSTACK_CONSOLE_SESSION_KEY must be 32 bytes in base64 (openssl rand -base64 32), not 16"
					+ " bytes");
		assertThatIllegalStateException().isThrownBy(() -> SessionCipher.of("not base64!", List.of()))
			.withMessageStartingWith("XORSTACK_CONSOLE_SESSION_KEY is not base64");
		assertThatIllegalStateException().isThrownBy(() -> SessionCipher.of(this.newKey, List.of(short16)))
			.withMessageStartingWith("XORSTACK_CONSOLE_PREVIOUS_SESSION_KEYS must be 32 bytes");
	}

	@Test
	void theCurrentKeyAlsoAmongThePreviousOnesIsHarmless() {
		SessionCipher cipher = SessionCipher.of(this.newKey, List.of(this.newKey, this.oldKey));
		assertThat(cipher.open(cipher.seal(TOKEN))).isEqualTo(TOKEN);
	}

	@Test
	void blankPreviousKeysAreIgnored() {
		SessionCipher cipher = SessionCipher.of(this.newKey, List.of(""));
		assertThat(cipher.open(cipher.seal(TOKEN))).isEqualTo(TOKEN);
	}

	static String newKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

}
