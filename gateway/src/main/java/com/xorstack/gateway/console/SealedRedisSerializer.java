package com.xorstack.gateway.console;

import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.data.redis.serializer.SerializationException;

/**
 * The session's hash values, serialized by {@code values} and sealed by the cipher.
 * Opening comes before deserializing, so a value someone wrote into Redis without the key
 * never reaches JDK deserialization.
 */
final class SealedRedisSerializer implements RedisSerializer<Object> {

	private static final byte[] EMPTY = new byte[0];

	private final RedisSerializer<Object> values;

	private final SessionCipher cipher;

	SealedRedisSerializer(RedisSerializer<Object> values, SessionCipher cipher) {
		this.values = values;
		this.cipher = cipher;
	}

	@Override
	public byte[] serialize(@Nullable Object value) {
		byte[] plain = this.values.serialize(value);
		// nothing to hide in an absent value, which stays empty as Spring Session expects
		return (plain == null || plain.length == 0) ? EMPTY : this.cipher.seal(plain);
	}

	@Override
	public @Nullable Object deserialize(byte @Nullable [] bytes) {
		if (bytes == null || bytes.length == 0) {
			return null;
		}
		try {
			return this.values.deserialize(this.cipher.open(bytes));
		}
		catch (SessionCipher.UnreadableValueException ex) {
			throw new SerializationException("Cannot read a console session value: " + ex.getMessage(), ex);
		}
	}

}
