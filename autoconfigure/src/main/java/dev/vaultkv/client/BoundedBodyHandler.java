package dev.vaultkv.client;

import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.ResponseInfo;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Receives a whole body as one byte array, failing with {@link ResponseTooLargeException} as soon as
 * it is known to exceed the limit. Remembers whether the response head arrived, which tells a failure
 * on a stale connection (nothing received) from one in the middle of an answer.
 *
 * @since 0.1.0
 */
final class BoundedBodyHandler implements BodyHandler<byte[]> {

	private final long limit;

	private volatile boolean responseStarted;

	BoundedBodyHandler(long limit) {
		this.limit = limit;
	}

	boolean isResponseStarted() {
		return this.responseStarted;
	}

	@Override
	public BodySubscriber<byte[]> apply(ResponseInfo responseInfo) {
		this.responseStarted = true;
		long contentLength = responseInfo.headers().firstValueAsLong("Content-Length").orElse(-1);
		if (contentLength > this.limit) {
			return new Rejecting(new ResponseTooLargeException(responseInfo.statusCode(), this.limit));
		}
		return new Collecting(responseInfo.statusCode(), this.limit, contentLength);
	}

	private static final class Rejecting implements BodySubscriber<byte[]> {

		private final CompletableFuture<byte[]> result = new CompletableFuture<>();

		private final ResponseTooLargeException failure;

		Rejecting(ResponseTooLargeException failure) {
			this.failure = failure;
		}

		@Override
		public CompletionStage<byte[]> getBody() {
			return this.result;
		}

		@Override
		public void onSubscribe(Flow.Subscription subscription) {
			subscription.cancel();
			this.result.completeExceptionally(this.failure);
		}

		@Override
		public void onNext(List<ByteBuffer> item) {
		}

		@Override
		public void onError(Throwable throwable) {
			this.result.completeExceptionally(this.failure);
		}

		@Override
		public void onComplete() {
			this.result.completeExceptionally(this.failure);
		}

	}

	private static final class Collecting implements BodySubscriber<byte[]> {

		private final CompletableFuture<byte[]> result = new CompletableFuture<>();

		private final int status;

		private final long limit;

		private final List<byte[]> chunks;

		private long size;

		private Flow.@org.jspecify.annotations.Nullable Subscription subscription;

		Collecting(int status, long limit, long contentLength) {
			this.status = status;
			this.limit = limit;
			this.chunks = new ArrayList<>((contentLength > 0) ? 4 : 8);
		}

		@Override
		public CompletionStage<byte[]> getBody() {
			return this.result;
		}

		@Override
		public void onSubscribe(Flow.Subscription subscription) {
			this.subscription = subscription;
			subscription.request(Long.MAX_VALUE);
		}

		@Override
		public void onNext(List<ByteBuffer> buffers) {
			if (this.result.isDone()) {
				return;
			}
			for (ByteBuffer buffer : buffers) {
				int remaining = buffer.remaining();
				if (remaining == 0) {
					continue;
				}
				this.size += remaining;
				if (this.size > this.limit) {
					this.chunks.clear();
					Flow.Subscription current = this.subscription;
					if (current != null) {
						current.cancel();
					}
					this.result.completeExceptionally(new ResponseTooLargeException(this.status, this.limit));
					return;
				}
				byte[] chunk = new byte[remaining];
				buffer.get(chunk);
				this.chunks.add(chunk);
			}
		}

		@Override
		public void onError(Throwable throwable) {
			this.chunks.clear();
			this.result.completeExceptionally(throwable);
		}

		@Override
		public void onComplete() {
			if (this.result.isDone()) {
				return;
			}
			if (this.chunks.size() == 1) {
				this.result.complete(this.chunks.get(0));
				return;
			}
			byte[] body = new byte[(int) this.size];
			int position = 0;
			for (byte[] chunk : this.chunks) {
				System.arraycopy(chunk, 0, body, position, chunk.length);
				position += chunk.length;
			}
			this.chunks.clear();
			this.result.complete(body);
		}

	}

}
