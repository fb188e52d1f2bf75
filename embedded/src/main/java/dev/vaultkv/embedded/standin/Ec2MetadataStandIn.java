package dev.vaultkv.embedded.standin;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import dev.vaultkv.embedded.standin.StandInHttp.Reply;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.jspecify.annotations.Nullable;

/**
 * A stand-in for the EC2 instance metadata service on 127.0.0.1, serving IMDSv2 ({@code PUT
 * /latest/api/token}, then the token in {@code X-aws-ec2-metadata-token}) and the instance identity
 * document, plain ({@code /latest/dynamic/instance-identity/document}), PKCS#7-signed
 * ({@code /latest/dynamic/instance-identity/pkcs7}) and with a plain RSA signature ({@code .../signature}).
 * The signatures are made with a key generated at start; register {@link #getCertificatePem()} with the
 * embedded server's {@code auth/aws/config/certificate/<name>} (as AWS's public certificate is registered
 * with a real Vault) so that the {@code aws} auth method accepts the document.
 *
 * <pre class="code">
 * try (Ec2MetadataStandIn imds = Ec2MetadataStandIn.builder().imageId("ami-0abc").start()) {
 * 	// POST auth/aws/config/certificate/stand-in {"aws_public_cert": imds.getCertificatePem(), "type": "pkcs7"}
 * 	// log in with the metadata endpoint set to imds.getAddress()
 * }
 * </pre>
 *
 * @author vaultkv
 * @since 0.1.0
 */
public final class Ec2MetadataStandIn implements AutoCloseable {

	private static final String TOKEN_PATH = "/latest/api/token";

	private static final String DOCUMENT_PATH = "/latest/dynamic/instance-identity/document";

	private static final String PKCS7_PATH = "/latest/dynamic/instance-identity/pkcs7";

	private static final String SIGNATURE_PATH = "/latest/dynamic/instance-identity/signature";

	private final String document;

	private final String pkcs7;

	private final String signature;

	private final String certificatePem;

	private final Set<String> tokens = ConcurrentHashMap.newKeySet();

	private final StandInHttp http;

	private Ec2MetadataStandIn(Builder builder) {
		this.document = document(builder);
		KeyPair keyPair = keyPair();
		X509Certificate certificate = selfSigned(keyPair);
		this.certificatePem = pem(certificate);
		this.pkcs7 = sign(this.document.getBytes(StandardCharsets.UTF_8), keyPair, certificate);
		this.signature = rsaSignature(this.document.getBytes(StandardCharsets.UTF_8), keyPair);
		this.http = new StandInHttp("EC2 metadata", this::handle);
	}

	/**
	 * Start a stand-in with a default instance identity.
	 * @return the running stand-in
	 * @since 0.1.0
	 */
	public static Ec2MetadataStandIn start() {
		return builder().start();
	}

	/**
	 * Return a builder of the instance identity to serve.
	 * @return a builder
	 * @since 0.1.0
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return the base URL to set as the metadata endpoint, such as {@code http://127.0.0.1:54321}.
	 * @return the address
	 * @since 0.1.0
	 */
	public URI getAddress() {
		return this.http.address();
	}

	/**
	 * Return the PEM certificate whose key signs the identity document.
	 * @return the certificate
	 * @since 0.1.0
	 */
	public String getCertificatePem() {
		return this.certificatePem;
	}

	/**
	 * Return the instance identity document (JSON).
	 * @return the document
	 * @since 0.1.0
	 */
	public String getIdentityDocument() {
		return this.document;
	}

	/**
	 * Return the PKCS#7 signature of the identity document as the metadata service serves it: base64 in
	 * lines of 64 characters, without PEM armour.
	 * @return the signed document
	 * @since 0.1.0
	 */
	public String getPkcs7() {
		return this.pkcs7;
	}

	/**
	 * Return the base64 SHA256withRSA signature of the identity document, as the metadata service serves
	 * it at {@code /latest/dynamic/instance-identity/signature} (Vault verifies it against certificates
	 * registered with {@code type} {@code identity}).
	 * @return the signature
	 * @since 0.1.0
	 */
	public String getSignature() {
		return this.signature;
	}

	@Override
	public void close() {
		this.http.close();
	}

	private Reply handle(HttpExchange exchange) {
		String path = StandInHttp.decodedPath(exchange);
		String method = exchange.getRequestMethod();
		if (path.equals(TOKEN_PATH) && method.equals("PUT")) {
			if (!validTtl(StandInHttp.header(exchange, "X-aws-ec2-metadata-token-ttl-seconds"))) {
				return Reply.text(400, "");
			}
			String token = UUID.randomUUID().toString();
			this.tokens.add(token);
			return Reply.text(200, token);
		}
		if (path.equals(DOCUMENT_PATH) || path.equals(PKCS7_PATH) || path.equals(SIGNATURE_PATH)) {
			if (!method.equals("GET")) {
				return Reply.text(405, "");
			}
			String token = StandInHttp.header(exchange, "X-aws-ec2-metadata-token");
			if (token == null || !this.tokens.contains(token)) {
				return Reply.text(401, "");
			}
			return Reply.text(200, path.equals(PKCS7_PATH) ? this.pkcs7
					: path.equals(SIGNATURE_PATH) ? this.signature : this.document);
		}
		return Reply.text(404, "");
	}

	private static boolean validTtl(@Nullable String ttl) {
		try {
			int seconds = Integer.parseInt(Objects.requireNonNullElse(ttl, ""));
			return seconds >= 1 && seconds <= 21600;
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

	private static String document(Builder builder) {
		return "{\n" + "  \"accountId\" : \"" + builder.accountId + "\",\n"
				+ "  \"architecture\" : \"x86_64\",\n" + "  \"availabilityZone\" : \"" + builder.region + "a\",\n"
				+ "  \"billingProducts\" : null,\n" + "  \"devpayProductCodes\" : null,\n"
				+ "  \"marketplaceProductCodes\" : null,\n" + "  \"imageId\" : \"" + builder.imageId + "\",\n"
				+ "  \"instanceId\" : \"" + builder.instanceId + "\",\n" + "  \"instanceType\" : \"t3.micro\",\n"
				+ "  \"kernelId\" : null,\n" + "  \"pendingTime\" : \""
				+ DateTimeFormatter.ISO_INSTANT.format(builder.pendingTime.truncatedTo(ChronoUnit.SECONDS)) + "\",\n"
				+ "  \"privateIp\" : \"10.0.0.10\",\n" + "  \"ramdiskId\" : null,\n" + "  \"region\" : \""
				+ builder.region + "\",\n" + "  \"version\" : \"2017-09-30\"\n" + "}";
	}

	private static KeyPair keyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot generate the stand-in's RSA key", ex);
		}
	}

	private static X509Certificate selfSigned(KeyPair keyPair) {
		X500Name name = new X500Name("C=US, ST=Washington, L=Seattle, O=vaultkv EC2 metadata stand-in");
		Instant now = Instant.now();
		try {
			ContentSigner signer = new JcaContentSignerBuilder("SHA256withRSA").build(keyPair.getPrivate());
			return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
					BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofDays(1))),
					Date.from(now.plus(Duration.ofDays(3650))), name, keyPair.getPublic())
				.build(signer));
		}
		catch (OperatorCreationException | GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot create the stand-in's certificate", ex);
		}
	}

	/**
	 * A CMS SignedData over the document with the document inside and, as AWS's, no certificate attached.
	 */
	private static String sign(byte[] content, KeyPair keyPair, X509Certificate certificate) {
		try {
			CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
			ContentSigner signer = new JcaContentSignerBuilder("SHA256withRSA").build(keyPair.getPrivate());
			generator.addSignerInfoGenerator(
					new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build()).build(signer,
							certificate));
			byte[] der = generator.generate(new CMSProcessableByteArray(content), true).getEncoded();
			return Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
		}
		catch (OperatorCreationException | GeneralSecurityException | CMSException | IOException ex) {
			throw new IllegalStateException("Cannot sign the instance identity document", ex);
		}
	}

	private static String rsaSignature(byte[] content, KeyPair keyPair) {
		try {
			Signature signer = Signature.getInstance("SHA256withRSA");
			signer.initSign(keyPair.getPrivate());
			signer.update(content);
			return Base64.getEncoder().encodeToString(signer.sign());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot sign the instance identity document", ex);
		}
	}

	private static String pem(X509Certificate certificate) {
		try {
			return "-----BEGIN CERTIFICATE-----\n"
					+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
						.encodeToString(certificate.getEncoded())
					+ "\n-----END CERTIFICATE-----\n";
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot encode the stand-in's certificate", ex);
		}
	}

	/**
	 * Builds and starts an {@link Ec2MetadataStandIn}.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private String instanceId = "i-0123456789abcdef0";

		private String imageId = "ami-0123456789abcdef0";

		private String accountId = "123456789012";

		private String region = "us-east-1";

		private Instant pendingTime = Instant.now();

		private Builder() {
		}

		/**
		 * Set the instance ID.
		 * @param instanceId the instance ID
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder instanceId(String instanceId) {
			this.instanceId = Objects.requireNonNull(instanceId, "'instanceId' must not be null");
			return this;
		}

		/**
		 * Set the AMI ID.
		 * @param imageId the AMI ID
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder imageId(String imageId) {
			this.imageId = Objects.requireNonNull(imageId, "'imageId' must not be null");
			return this;
		}

		/**
		 * Set the AWS account ID.
		 * @param accountId the account ID
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder accountId(String accountId) {
			this.accountId = Objects.requireNonNull(accountId, "'accountId' must not be null");
			return this;
		}

		/**
		 * Set the region.
		 * @param region the region
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder region(String region) {
			this.region = Objects.requireNonNull(region, "'region' must not be null");
			return this;
		}

		/**
		 * Set when the instance was last started.
		 * @param pendingTime the pending time
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder pendingTime(Instant pendingTime) {
			this.pendingTime = Objects.requireNonNull(pendingTime, "'pendingTime' must not be null");
			return this;
		}

		/**
		 * Start the stand-in on a free port of 127.0.0.1.
		 * @return the running stand-in
		 * @since 0.1.0
		 */
		public Ec2MetadataStandIn start() {
			return new Ec2MetadataStandIn(this);
		}

	}

}
