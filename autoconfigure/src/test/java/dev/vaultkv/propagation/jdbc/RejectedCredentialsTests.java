package dev.vaultkv.propagation.jdbc;

import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RejectedCredentialsTests {

	@Test
	void sqlStateClass28IsARejection() {
		assertThat(RejectedCredentials.isRejection(new SQLException("password authentication failed", "28P01")))
			.isTrue();
		assertThat(RejectedCredentials.isRejection(new SQLException("no pg_hba.conf entry", "28000"))).isTrue();
		assertThat(RejectedCredentials.isRejection(new SQLException("Access denied", "28000", 1045))).isTrue();
		assertThat(RejectedCredentials.isRejection(new SQLException("Wrong user name or password", "28000", 28000)))
			.isTrue();
	}

	@Test
	void otherFailuresAreNot() {
		assertThat(RejectedCredentials.isRejection(new SQLException("Connection refused", "08001"))).isFalse();
		assertThat(RejectedCredentials.isRejection(new SQLException("database does not exist", "3D000"))).isFalse();
		assertThat(RejectedCredentials.isRejection(new SQLException("Access denied to database", "42000", 1044)))
			.isFalse();
		assertThat(RejectedCredentials.isRejection(new SQLException("too many connections", "53300"))).isFalse();
		assertThat(RejectedCredentials.isRejection(new IllegalStateException("no"))).isFalse();
	}

	@Test
	void aMissingSqlStateFallsBackToTheTypeAndTheMysqlErrorCode() {
		assertThat(RejectedCredentials.isRejection(new SQLInvalidAuthorizationSpecException("denied"))).isTrue();
		assertThat(RejectedCredentials.isRejection(new SQLException("Access denied", null, 1045))).isTrue();
		assertThat(RejectedCredentials.isRejection(new SQLException("failed", null, 0))).isFalse();
	}

	@Test
	void aRejectionAmongCausesOrChainedExceptionsCounts() {
		SQLException wrapped = new SQLNonTransientConnectionException("could not connect", "08001",
				new SQLException("password authentication failed", "28P01"));
		assertThat(RejectedCredentials.isRejection(wrapped)).isTrue();
		SQLException chained = new SQLException("failed", "08006");
		chained.setNextException(new SQLException("Access denied", "28000", 1045));
		assertThat(RejectedCredentials.isRejection(chained)).isTrue();
		assertThat(RejectedCredentials.isRejection(new RuntimeException(wrapped))).isTrue();
	}

	@Test
	void aCyclicChainEnds() {
		SQLException first = new SQLException("a", "08001");
		SQLException second = new SQLException("b", "08001", first);
		first.setNextException(second);
		assertThat(RejectedCredentials.isRejection(first)).isFalse();
	}

}
