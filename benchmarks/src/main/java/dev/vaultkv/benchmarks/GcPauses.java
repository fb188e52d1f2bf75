package dev.vaultkv.benchmarks;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * Counts this JVM's garbage collection pauses while open, from the collectors' notifications (concurrent
 * cycles left out), so that a load program can tell its slowest queries from the collector's pauses.
 *
 * @since 0.1.0
 */
final class GcPauses implements NotificationListener, AutoCloseable {

	private final List<NotificationEmitter> emitters = new ArrayList<>();

	private long count;

	private long totalMillis;

	private long longestMillis;

	GcPauses() {
		for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
			if (collector instanceof NotificationEmitter emitter) {
				emitter.addNotificationListener(this, null, null);
				this.emitters.add(emitter);
			}
		}
	}

	@Override
	public void handleNotification(Notification notification, Object handback) {
		if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
			return;
		}
		GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
			.from((CompositeData) notification.getUserData());
		if (info.getGcName().contains("Concurrent") || info.getGcAction().contains("concurrent")) {
			return;
		}
		long duration = info.getGcInfo().getDuration();
		synchronized (this) {
			this.count++;
			this.totalMillis += duration;
			this.longestMillis = Math.max(this.longestMillis, duration);
		}
	}

	@Override
	public void close() {
		for (NotificationEmitter emitter : this.emitters) {
			try {
				emitter.removeNotificationListener(this);
			}
			catch (ListenerNotFoundException ex) {
				// not registered: nothing to remove
			}
		}
	}

	synchronized Summary summary() {
		return new Summary(this.count, this.totalMillis, this.longestMillis);
	}

	/**
	 * The pauses so far.
	 *
	 * @param count the pauses
	 * @param totalMillis their total duration
	 * @param longestMillis the longest
	 */
	record Summary(long count, long totalMillis, long longestMillis) {

		@Override
		public String toString() {
			return this.count + " pauses, " + this.totalMillis + " ms in all, the longest " + this.longestMillis + " ms";
		}

	}

}
