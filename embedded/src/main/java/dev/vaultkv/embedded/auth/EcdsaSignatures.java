package dev.vaultkv.embedded.auth;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * Converts ECDSA signatures between the JWS form (R and S as fixed-size big-endian integers) and the DER
 * form the JDK signs and verifies.
 *
 * @author vaultkv
 */
final class EcdsaSignatures {

	private EcdsaSignatures() {
	}

	/**
	 * Convert a JWS signature to DER.
	 * @param jws the concatenated R and S
	 * @param size the size of R and S in bytes (32, 48 or 66)
	 * @return the DER signature, or {@code null} if the JWS signature has the wrong length
	 */
	static byte @Nullable [] toDer(byte[] jws, int size) {
		if (jws.length != 2 * size) {
			return null;
		}
		byte[] r = new BigInteger(1, Arrays.copyOfRange(jws, 0, size)).toByteArray();
		byte[] s = new BigInteger(1, Arrays.copyOfRange(jws, size, 2 * size)).toByteArray();
		ByteArrayOutputStream integers = new ByteArrayOutputStream();
		writeTlv(integers, 0x02, r);
		writeTlv(integers, 0x02, s);
		ByteArrayOutputStream sequence = new ByteArrayOutputStream();
		writeTlv(sequence, 0x30, integers.toByteArray());
		return sequence.toByteArray();
	}

	/**
	 * Convert a DER signature to the JWS form.
	 * @param der the DER signature
	 * @param size the size of R and S in bytes
	 * @return the concatenated R and S
	 */
	static byte[] toJws(byte[] der, int size) {
		int[] offset = { 0 };
		expect(der, offset, 0x30);
		readLength(der, offset);
		BigInteger r = readInteger(der, offset);
		BigInteger s = readInteger(der, offset);
		byte[] jws = new byte[2 * size];
		copyUnsigned(r, jws, 0, size);
		copyUnsigned(s, jws, size, size);
		return jws;
	}

	private static void copyUnsigned(BigInteger value, byte[] target, int offset, int size) {
		byte[] bytes = value.toByteArray();
		int start = (bytes.length > size) ? bytes.length - size : 0;
		int length = bytes.length - start;
		System.arraycopy(bytes, start, target, offset + size - length, length);
	}

	private static BigInteger readInteger(byte[] der, int[] offset) {
		expect(der, offset, 0x02);
		int length = readLength(der, offset);
		BigInteger value = new BigInteger(Arrays.copyOfRange(der, offset[0], offset[0] + length));
		offset[0] += length;
		return value;
	}

	private static void expect(byte[] der, int[] offset, int tag) {
		if ((der[offset[0]++] & 0xff) != tag) {
			throw new IllegalArgumentException("Malformed DER signature");
		}
	}

	private static int readLength(byte[] der, int[] offset) {
		int first = der[offset[0]++] & 0xff;
		if (first < 0x80) {
			return first;
		}
		int length = 0;
		for (int i = 0; i < (first & 0x7f); i++) {
			length = (length << 8) | (der[offset[0]++] & 0xff);
		}
		return length;
	}

	private static void writeTlv(ByteArrayOutputStream out, int tag, byte[] value) {
		out.write(tag);
		if (value.length < 0x80) {
			out.write(value.length);
		}
		else if (value.length < 0x100) {
			out.write(0x81);
			out.write(value.length);
		}
		else {
			out.write(0x82);
			out.write(value.length >> 8);
			out.write(value.length & 0xff);
		}
		out.writeBytes(value);
	}

}
