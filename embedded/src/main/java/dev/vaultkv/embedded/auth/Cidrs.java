package dev.vaultkv.embedded.auth;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * CIDR block parsing and subset checks for AppRole's CIDR bindings (IPv4 and IPv6 literals only, never a
 * DNS look-up).
 *
 * @author vaultkv
 */
final class Cidrs {

	/** The source address of every request to the loopback-only embedded server. */
	static final String LOOPBACK = "127.0.0.1";

	private Cidrs() {
	}

	/**
	 * Check that every value is an IP address or CIDR block.
	 * @throws AuthRequestException (400) with the given message otherwise
	 */
	static void validate(List<String> blocks, String message) {
		for (String block : blocks) {
			if (parse(block) == null) {
				throw AuthRequestException.badRequest(message);
			}
		}
	}

	/**
	 * Whether every block of {@code blocks} lies inside one of {@code parents} (an empty parent list allows
	 * anything).
	 */
	static boolean isSubset(List<String> blocks, List<String> parents) {
		if (parents.isEmpty()) {
			return true;
		}
		for (String block : blocks) {
			Block child = parse(block);
			if (child == null || parents.stream().map(Cidrs::parse).noneMatch((parent) -> parent != null
					&& parent.contains(child))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether a client of the embedded server may pass the given CIDR restriction. The server listens on
	 * the loopback address only, so every caller's source address is a loopback address.
	 * @param blocks the allowed blocks (empty: no restriction)
	 * @return whether loopback callers are allowed
	 */
	static boolean allowsLoopback(List<String> blocks) {
		if (blocks.isEmpty()) {
			return true;
		}
		Block ipv4 = parse(LOOPBACK);
		Block ipv6 = parse("::1");
		return blocks.stream()
			.map(Cidrs::parse)
			.anyMatch((block) -> block != null && (block.contains(ipv4) || block.contains(ipv6)));
	}

	static @Nullable Block parse(String text) {
		String value = text.trim();
		int slash = value.indexOf('/');
		String address = (slash >= 0) ? value.substring(0, slash) : value;
		if (!address.matches("[0-9.]+") && !(address.contains(":") && address.matches("[0-9a-fA-F:.]+"))) {
			return null;
		}
		try {
			byte[] bytes = InetAddress.getByName(address).getAddress();
			int bits = bytes.length * 8;
			int prefix = (slash >= 0) ? Integer.parseInt(value.substring(slash + 1)) : bits;
			if (prefix < 0 || prefix > bits) {
				return null;
			}
			return new Block(new BigInteger(1, bytes), prefix, bits);
		}
		catch (UnknownHostException | NumberFormatException ex) {
			return null;
		}
	}

	/**
	 * A parsed CIDR block.
	 *
	 * @param address the address
	 * @param prefix the prefix length
	 * @param bits the address size in bits
	 */
	record Block(BigInteger address, int prefix, int bits) {

		boolean contains(Block other) {
			if (other.bits != this.bits || other.prefix < this.prefix) {
				return false;
			}
			int shift = this.bits - this.prefix;
			return other.address.shiftRight(shift).equals(this.address.shiftRight(shift));
		}

	}

}
