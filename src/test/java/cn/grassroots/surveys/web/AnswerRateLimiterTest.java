package cn.grassroots.surveys.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The answering limits count per kind and key, and one key's excess does not touch another's. */
class AnswerRateLimiterTest {

	@Test
	void aClientOverItsLimitIsRefusedWhileOthersAreNot() {
		AnswerRateLimiter limiter = new AnswerRateLimiter(20, 3, 120, 2);
		for (int i = 0; i < 3; i++) {
			assertThat(limiter.exhausted("miss", "10.0.0.1", limiter.missesPerMinute)).isFalse();
			limiter.count("miss", "10.0.0.1");
		}
		assertThat(limiter.exhausted("miss", "10.0.0.1", limiter.missesPerMinute)).isTrue();
		assertThat(limiter.exhausted("miss", "10.0.0.2", limiter.missesPerMinute)).isFalse();
		assertThat(limiter.exhausted("start", "10.0.0.1", limiter.startsPerMinute)).isFalse();
		assertThat(limiter.allow("draft", "token", 2)).isTrue();
		assertThat(limiter.allow("draft", "token", 2)).isTrue();
		assertThat(limiter.allow("draft", "token", 2)).isFalse();
		// the region picker's levels count per link, apart from its drafts
		assertThat(limiter.allow("regions", "token", limiter.regionsPerMinute)).isTrue();
		assertThat(limiter.allow("regions", "token", limiter.regionsPerMinute)).isTrue();
		assertThat(limiter.allow("regions", "token", limiter.regionsPerMinute)).isFalse();
		assertThat(limiter.allow("regions", "other", limiter.regionsPerMinute)).isTrue();
	}
}
