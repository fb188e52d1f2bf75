package dev.vaultkv.propagation.jdbc;

import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Tells a database's refusal of the credentials from any other failure to connect: SQLState class
 * {@code 28} (invalid authorization specification: PostgreSQL {@code 28P01} and {@code 28000}, MariaDB and
 * MySQL {@code 28000} with error 1045, H2 {@code 28000}) anywhere among the causes and chained exceptions.
 */
final class RejectedCredentials {

	private static final int MYSQL_ACCESS_DENIED = 1045;

	private RejectedCredentials() {
	}

	static boolean isRejection(Throwable failure) {
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		Deque<Throwable> pending = new ArrayDeque<>();
		pending.add(failure);
		while (!pending.isEmpty()) {
			Throwable current = pending.poll();
			if (!seen.add(current)) {
				continue;
			}
			if (current instanceof SQLException sql) {
				if (isRejection(sql)) {
					return true;
				}
				if (sql.getNextException() != null) {
					pending.add(sql.getNextException());
				}
			}
			if (current.getCause() != null) {
				pending.add(current.getCause());
			}
		}
		return false;
	}

	private static boolean isRejection(SQLException failure) {
		String state = failure.getSQLState();
		if (state != null) {
			return state.startsWith("28");
		}
		return failure instanceof SQLInvalidAuthorizationSpecException
				|| failure.getErrorCode() == MYSQL_ACCESS_DENIED;
	}

}
