package com.xorstack.gateway.console;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * AES-256-GCM for what a console session keeps in Redis: the access, refresh and id
 * tokens must not be readable by whoever can read Redis. A sealed value is
 * {@code version (1) | key id (4) | nonce (12) | ciphertext and tag (16)}; the nonce is
 * random per write, and the version and key id are authenticated with the value.
 * <p>
 * The key id is the start of the key's SHA-256, so rotation needs no numbering: the new
 * key becomes current and the old one moves to the previous keys, which are only read,
 * until every session sealed with it has expired (the idle timeout).
 */
final class SessionCipher {

	static final String KEY_VARIABLE = "XORSTACK_CONSOLE_SESSION_KEY";

	private static final byte VERSION = 1;

	private static final int KEY_ID_LENGTH = 4;

	private static final int NONCE_LENGTH = 12;

	private static final int TAG_BITS = 128;

	private static final int HEADER_LENGTH = 1 + KEY_ID_LENGTH;

	private final SecureRandom random = new SecureRandom();

	private final Key current;

	private final Map<ByteBuffer, Key> readable = new LinkedHashMap<>();

	private SessionCipher(Key current, List<Key> previous) {
		this.current = current;
		for (Key key : concat(current, previous)) {
			Key known = this.readable.putIfAbsent(ByteBuffer.wrap(key.id()), key);
			// the same key twice is harmless (the new key left among the previous ones
			// after a rotation); two keys with one id would make one of them unreadable
			if (known != null && !MessageDigest.isEqual(known.secret().getEncoded(), key.secret().getEncoded())) {
				throw new IllegalStateException("Two different console session keys have the same key id: make a"
						+ " new key (openssl rand -base64 32)");
			}
		}
	}

	/**
	 * @param current base64 of 32 bytes
	 * @param previous keys that sessions may still be sealed with, each base64 of 32
	 * bytes
	 */
	static SessionCipher of(@Nullable String current, List<String> previous) {
		if (current == null || current.isBlank()) {
			throw new IllegalStateException(KEY_VARIABLE + " is not set. Console sessions in Redis hold OAuth2 tokens"
					+ " and are encrypted with this key: set it to 32 random bytes in base64 (openssl rand -base64"
					+ " 32), the same on every gateway replica, or keep sessions in process with"
					+ " XORSTACK_REDIS_ENABLED=false.");
		}
		return new SessionCipher(Key.decode(current, KEY_VARIABLE),
				previous.stream()
					.filter((key) -> !key.isBlank())
					.map((key) -> Key.decode(key, "XORSTACK_CONSOLE_PREVIOUS_SESSION_KEYS"))
					.toList());
	}

	byte[] seal(byte[] plain) {
		byte[] sealed = new byte[HEADER_LENGTH + NONCE_LENGTH + plain.length + TAG_BITS / 8];
		sealed[0] = VERSION;
		System.arraycopy(this.current.id(), 0, sealed, 1, KEY_ID_LENGTH);
		byte[] nonce = new byte[NONCE_LENGTH];
		this.random.nextBytes(nonce);
		System.arraycopy(nonce, 0, sealed, HEADER_LENGTH, NONCE_LENGTH);
		try {
			Cipher cipher = cipher(Cipher.ENCRYPT_MODE, this.current, nonce);
			cipher.updateAAD(sealed, 0, HEADER_LENGTH);
			cipher.doFinal(plain, 0, plain.length, sealed, HEADER_LENGTH + NONCE_LENGTH);
			return sealed;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is not available: " + ex.getMessage(), ex);
		}
	}

	/**
	 * The value {@link #seal} was given.
	 * @throws UnreadableValueException if the value was not sealed by one of the keys, or
	 * was changed since
	 */
	byte[] open(byte[] sealed) {
		if (sealed.length < HEADER_LENGTH + NONCE_LENGTH + TAG_BITS / 8 || sealed[0] != VERSION) {
			throw new UnreadableValueException("not a sealed console session value");
		}
		Key key = this.readable.get(ByteBuffer.wrap(sealed, 1, KEY_ID_LENGTH).slice());
		if (key == null) {
			throw new UnreadableValueException("sealed with a key that is neither current nor previous");
		}
		try {
			Cipher cipher = cipher(Cipher.DECRYPT_MODE, key,
					Arrays.copyOfRange(sealed, HEADER_LENGTH, HEADER_LENGTH + NONCE_LENGTH));
			cipher.updateAAD(sealed, 0, HEADER_LENGTH);
			return cipher.doFinal(sealed, HEADER_LENGTH + NONCE_LENGTH, sealed.length - HEADER_LENGTH - NONCE_LENGTH);
		}
		catch (GeneralSecurityException ex) {
			throw new UnreadableValueException("changed since it was sealed (" + ex.getClass().getSimpleName() + ")");
		}
	}

	private static Cipher cipher(int mode, Key key, byte[] nonce) throws GeneralSecurityException {
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(mode, key.secret(), new GCMParameterSpec(TAG_BITS, nonce));
		return cipher;
	}

	private static List<Key> concat(Key first, List<Key> rest) {
		return Stream.concat(Stream.of(first), rest.stream()).toList();
	}

	private record Key(byte[] id, SecretKey secret) {

		static Key decode(String base64, String variable) {
			byte[] bytes;
			try {
				bytes = Base64.getDecoder().decode(base64.strip());
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalStateException(variable + " is not base64: " + ex.getMessage());
			}
			if (bytes.length != 32) {
				throw new IllegalStateException(variable + " must be 32 bytes in base64 (openssl rand -base64 32), not "
						+ bytes.length + " bytes");
			}
			return new Key(Arrays.copyOf(sha256(bytes), KEY_ID_LENGTH), new SecretKeySpec(bytes, "AES"));
		}

		private static byte[] sha256(byte[] bytes) {
			try {
				return MessageDigest.getInstance("SHA-256").digest(bytes);
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

	/** A value this cipher cannot open: sealed with an unknown key, or tampered with. */
	static final class UnreadableValueException extends RuntimeException {

		UnreadableValueException(String message) {
			super(message);
		}

	}

}
