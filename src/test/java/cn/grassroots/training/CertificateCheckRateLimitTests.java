package cn.grassroots.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import cn.grassroots.IntegrationTest;

/**
 * The public certificate check is limited per client address (30 a minute by default): guessing
 * codes from one address runs into 429 with Retry-After and problem JSON, while another address is
 * still answered.
 */
@IntegrationTest
class CertificateCheckRateLimitTests {

	@Autowired
	MockMvc mvc;

	private static RequestPostProcessor from(String address) {
		return request -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

	@Test
	void oneAddressGuessingCodesIsRefusedWhileAnotherIsStillAnswered() throws Exception {
		int notFound = 0;
		int refused = 0;
		String lastType = null;
		for (int i = 0; i < 50; i++) {
			var response = mvc.perform(get("/api/v1/certificates/GUESS" + i).with(from("203.0.113.7"))).andReturn().getResponse();
			if (response.getStatus() == 404) {
				notFound++;
			}
			else if (response.getStatus() == 429) {
				refused++;
				lastType = response.getContentType();
				assertThat(response.getHeader("Retry-After")).isNotBlank();
			}
		}
		// the first 30 are answered (the bucket starts full); most of the rest are refused
		assertThat(notFound).isGreaterThanOrEqualTo(30);
		assertThat(refused).isGreaterThan(0);
		assertThat(notFound + refused).isEqualTo(50);
		assertThat(lastType).startsWith("application/problem+json");
		// the public page shares the limit of the address
		assertThat(mvc.perform(get("/certificates/GUESSPAGE").with(from("203.0.113.7"))).andReturn().getResponse().getStatus())
			.isEqualTo(429);
		// another address is not affected
		assertThat(mvc.perform(get("/api/v1/certificates/GUESS0").with(from("198.51.100.23"))).andReturn().getResponse()
			.getStatus()).isEqualTo(404);
	}
}
