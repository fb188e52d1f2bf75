package dev.vaultkv.embedded.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * An IAM principal from the ARN STS answered with, as Vault parses it.
 *
 * @author vaultkv
 */
record AwsIamPrincipal(String partition, String account, String type, String friendlyName) {

	static AwsIamPrincipal parse(String arn) {
		String[] parts = arn.split(":", -1);
		if (parts.length != 6) {
			throw new IllegalArgumentException(
					"unrecognized arn: contains " + parts.length + " colon-separated parts, expected 6");
		}
		if (!parts[0].equals("arn")) {
			throw new IllegalArgumentException("unrecognized arn: does not begin with \"arn:\"");
		}
		if (!parts[2].equals("iam") && !parts[2].equals("sts")) {
			throw new IllegalArgumentException("unrecognized service: " + parts[2] + ", not one of iam or sts");
		}
		String[] resource = parts[5].split("/", -1);
		if (resource.length < 2) {
			throw new IllegalArgumentException(
					"unrecognized arn: \"" + parts[5] + "\" contains fewer than 2 slash-separated parts");
		}
		String type = resource[0];
		String name = resource[resource.length - 1];
		switch (type) {
			case "assumed-role" -> name = resource[1];
			case "user", "role", "instance-profile" -> {
			}
			default -> throw new IllegalArgumentException("unrecognized principal type: \"" + type + "\"");
		}
		return new AwsIamPrincipal(parts[1], parts[4], type, name);
	}

	String canonicalArn() {
		String canonicalType = this.type.equals("assumed-role") ? "role" : this.type;
		return "arn:" + this.partition + ":iam::" + this.account + ":" + canonicalType + "/" + this.friendlyName;
	}

	/**
	 * A stable stand-in for the unique ID AWS gives an IAM user ({@code AIDA...}) or role ({@code AROA...}),
	 * derived from the canonical ARN as there is no IAM API to ask.
	 */
	String uniqueId() {
		String prefix = this.type.equals("user") ? "AIDA" : "AROA";
		byte[] digest;
		try {
			digest = MessageDigest.getInstance("SHA-256").digest(canonicalArn().getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
		return prefix + HexFormat.of().formatHex(digest, 0, 9).toUpperCase(Locale.ROOT).substring(0, 17);
	}

}
