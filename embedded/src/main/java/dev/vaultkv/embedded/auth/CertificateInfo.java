package dev.vaultkv.embedded.auth;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

import org.jspecify.annotations.Nullable;

/**
 * The parts of an X.509 certificate cert auth matches on and reports: subject fields, SANs and key
 * identifiers.
 *
 * @author vaultkv
 */
final class CertificateInfo {

	private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

	private static final String ANY_USAGE = "2.5.29.37.0";

	private CertificateInfo() {
	}

	static String commonName(X509Certificate certificate) {
		List<String> values = subjectAttribute(certificate, "CN");
		return values.isEmpty() ? "" : values.get(0);
	}

	static List<String> organizationalUnits(X509Certificate certificate) {
		return subjectAttribute(certificate, "OU");
	}

	private static List<String> subjectAttribute(X509Certificate certificate, String type) {
		List<String> values = new ArrayList<>();
		try {
			for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
				if (rdn.getType().equalsIgnoreCase(type)) {
					values.add(String.valueOf(rdn.getValue()));
				}
			}
		}
		catch (InvalidNameException ex) {
			// no such attribute
		}
		return values;
	}

	/**
	 * Subject alternative names of one type (1 email, 2 DNS, 6 URI).
	 */
	static List<String> subjectAlternativeNames(X509Certificate certificate, int type) {
		List<String> names = new ArrayList<>();
		try {
			Collection<List<?>> all = certificate.getSubjectAlternativeNames();
			if (all != null) {
				for (List<?> name : all) {
					if (((Integer) name.get(0)) == type) {
						names.add(String.valueOf(name.get(1)));
					}
				}
			}
		}
		catch (CertificateParsingException ex) {
			// no names
		}
		return names;
	}

	/**
	 * Whether a non-CA certificate may be trusted for client authentication: no extended key usage, or one
	 * that includes client authentication.
	 */
	static boolean allowsClientAuth(X509Certificate certificate) {
		try {
			List<String> usages = certificate.getExtendedKeyUsage();
			return usages == null || usages.contains(CLIENT_AUTH) || usages.contains(ANY_USAGE);
		}
		catch (CertificateParsingException ex) {
			return false;
		}
	}

	static String subjectKeyId(X509Certificate certificate) {
		byte[] value = octets(certificate.getExtensionValue("2.5.29.14"));
		return (value != null) ? hex(octets(value)) : "";
	}

	static String authorityKeyId(X509Certificate certificate) {
		byte[] sequence = octets(certificate.getExtensionValue("2.5.29.35"));
		if (sequence == null || sequence.length < 2 || sequence[0] != 0x30) {
			return "";
		}
		int[] offset = { 1 };
		readLength(sequence, offset);
		while (offset[0] < sequence.length) {
			int tag = sequence[offset[0]++] & 0xff;
			int length = readLength(sequence, offset);
			if (tag == 0x80) {
				return hex(Arrays.copyOfRange(sequence, offset[0], offset[0] + length));
			}
			offset[0] += length;
		}
		return "";
	}

	private static byte @Nullable [] octets(byte @Nullable [] der) {
		if (der == null || der.length < 2 || der[0] != 0x04) {
			return null;
		}
		int[] offset = { 1 };
		int length = readLength(der, offset);
		return Arrays.copyOfRange(der, offset[0], offset[0] + length);
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

	private static String hex(byte @Nullable [] bytes) {
		return (bytes != null) ? HexFormat.ofDelimiter(":").formatHex(bytes) : "";
	}

}
