package dev.vaultkv.embedded;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Accepts any client certificate chain during the handshake, like Vault's listener (which only requests
 * client certificates and leaves verifying them to the cert auth method). Never used to check servers.
 *
 * @author vaultkv
 * @since 0.1.0
 */
final class AnyClientCertificateTrustManager extends X509ExtendedTrustManager {

	private final X509Certificate[] acceptedIssuers;

	/**
	 * Create a trust manager.
	 * @param acceptedIssuers the CAs named in the certificate request (none: clients send any certificate)
	 */
	AnyClientCertificateTrustManager(X509Certificate... acceptedIssuers) {
		this.acceptedIssuers = acceptedIssuers.clone();
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType) {
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
		throw new CertificateException("not a client trust manager");
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
			throws CertificateException {
		throw new CertificateException("not a client trust manager");
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
			throws CertificateException {
		throw new CertificateException("not a client trust manager");
	}

	@Override
	public X509Certificate[] getAcceptedIssuers() {
		return this.acceptedIssuers.clone();
	}

}
