package com.xorstack.gateway.console;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.data.redis.serializer.JdkSerializationRedisSerializer;
import org.springframework.data.redis.serializer.SerializationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SealedRedisSerializerTests {

	private final SessionCipher cipher = SessionCipher.of(SessionCipherTests.newKey(), List.of());

	private final SealedRedisSerializer serializer = new SealedRedisSerializer(new JdkSerializationRedisSerializer(),
			this.cipher);

	@Test
	void aValueIsReadBackAndIsNotInTheBytes() {
		byte[] bytes = this.serializer.serialize("eyJhbGciOiJSUzI1NiJ9.refresh-token");
		assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).doesNotContain("eyJ").doesNotContain("refresh");
		assertThat(this.serializer.deserialize(bytes)).isEqualTo("eyJhbGciOiJSUzI1NiJ9.refresh-token");
	}

	@Test
	void anAbsentValueStaysEmpty() {
		assertThat(this.serializer.serialize(null)).isEmpty();
		assertThat(this.serializer.deserialize(new byte[0])).isNull();
		assertThat(this.serializer.deserialize(null)).isNull();
	}

	@Test
	void aTamperedOrUnsealedValueIsASerializationFailure() {
		byte[] bytes = this.serializer.serialize(List.of("a", "b"));
		bytes[bytes.length - 1] ^= 0x01;
		assertThatExceptionOfType(SerializationException.class).isThrownBy(() -> this.serializer.deserialize(bytes))
			.withMessageStartingWith("Cannot read a console session value");
		// what an attacker with write access would plant: plain JDK serialization
		byte[] planted = new JdkSerializationRedisSerializer().serialize("planted");
		assertThatExceptionOfType(SerializationException.class).isThrownBy(() -> this.serializer.deserialize(planted));
	}

}
