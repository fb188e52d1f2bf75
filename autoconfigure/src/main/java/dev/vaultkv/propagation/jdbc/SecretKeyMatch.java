package dev.vaultkv.propagation.jdbc;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.vaultkv.kv.SecretData;
import dev.vaultkv.kv.VersionedSecret;
import dev.vaultkv.secret.SecretLocation;
import dev.vaultkv.secret.SecretStore;

/**
 * The keys of a cached secret that a pool's password (and user name) were taken from, found by value: the
 * password must equal the value of exactly one key among the cached secrets, or, when several match, of
 * exactly one key in a secret that also holds the user name. The user name key is followed only when
 * exactly one other key of that secret holds it. Pinned versions never change and are not searched.
 *
 * @param location the secret
 * @param passwordKey the key holding the password
 * @param usernameKey the key holding the user name, or {@code null} when the user name is not followed
 */
record SecretKeyMatch(SecretLocation location, String passwordKey, @Nullable String usernameKey) {

	static @Nullable SecretKeyMatch find(SecretStore store, String username, String password) {
		List<SecretKeyMatch> matches = new ArrayList<>();
		for (SecretLocation location : store.getCachedLocations()) {
			VersionedSecret secret = location.isPinned() ? null : store.getIfCached(location);
			if (secret == null) {
				continue;
			}
			SecretData data = secret.data();
			for (String key : data.keys()) {
				if (password.equals(data.getString(key))) {
					matches.add(new SecretKeyMatch(location, key, usernameKey(data, key, username)));
				}
			}
		}
		if (matches.size() == 1) {
			return matches.get(0);
		}
		List<SecretKeyMatch> withUsername = matches.stream().filter((match) -> match.usernameKey() != null).toList();
		return (withUsername.size() == 1) ? withUsername.get(0) : null;
	}

	private static @Nullable String usernameKey(SecretData data, String passwordKey, String username) {
		List<String> keys = data.keys()
			.stream()
			.filter((key) -> !key.equals(passwordKey) && username.equals(data.getString(key)))
			.toList();
		return (keys.size() == 1) ? keys.get(0) : null;
	}

}
