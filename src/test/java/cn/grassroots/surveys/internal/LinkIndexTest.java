package cn.grassroots.surveys.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The in-memory index an import reads a questionnaire's links into finds each by its token hash, and nothing else. */
class LinkIndexTest {

	@Test
	void everyLinkIsFoundByItsTokenHashWithWhatTheImportNeedsToKnow() {
		List<DistributionRepository.ImportLink> links = new ArrayList<>();
		for (int i = 0; i < 5_000; i++) {
			links.add(new DistributionRepository.ImportLink(AnswerTokens.hash("token-" + i), 1_000 + i, i % 2 == 0, i % 3 == 0,
					i % 5 == 0, i % 7 == 0));
		}
		// sized too small on purpose: it grows
		LinkIndex index = new LinkIndex(100);
		links.forEach(index::add);
		index.seal();
		assertThat(index.size()).isEqualTo(5_000);
		for (DistributionRepository.ImportLink link : links) {
			assertThat(index.find(link.tokenHash())).isEqualTo(link);
		}
	}

	@Test
	void anUnknownOrMalformedHashFindsNothing() {
		LinkIndex index = new LinkIndex(4);
		index.add(new DistributionRepository.ImportLink(AnswerTokens.hash("a"), 1, true, false, false, false));
		index.seal();
		String known = AnswerTokens.hash("a");
		// the same first 64 bits, a different rest
		String nearMiss = known.substring(0, 16) + "0".repeat(48);
		assertThat(index.find(AnswerTokens.hash("b"))).isNull();
		assertThat(index.find(nearMiss)).isNull();
		assertThat(index.find("not hex")).isNull();
		assertThat(index.find(known.toUpperCase())).isNotNull();
	}
}
