package cn.grassroots.org;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

import cn.grassroots.IntegrationTest;
import cn.grassroots.platform.ForbiddenException;
import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.security.AccountPrincipal;
import cn.grassroots.platform.security.AccountStore;

/**
 * Another module adds people with their posts through {@link OrgDirectory#addPostHolders}: all or
 * nothing, validated like a roster row (and against each other), within the caller's scope, audited.
 */
@IntegrationTest
class PostHoldersTests {

	@Autowired
	OrgDirectory org;

	@Autowired
	AccountStore accounts;

	@Autowired
	JdbcClient jdbc;

	@AfterEach
	void clear() {
		SecurityContextHolder.clearContext();
	}

	private void actAs(String username) {
		var a = accounts.findByUsername(username).orElseThrow();
		var p = new AccountPrincipal(a.id(), a.username(), null, a.displayName(), a.personId(), true, null);
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(p, null, p.getAuthorities()));
	}

	private static String idNumber(String county, int seq) {
		String first17 = county + "19800101" + "%03d".formatted(seq);
		return first17 + IdNumbers.checkCharacter(first17);
	}

	private static PostHolderDraft secretary(String name, String idNumber, String community) {
		return new PostHolderDraft(new PersonDraft(name, null, null, null, idNumber, true, community, null, null),
				PostType.COMMUNITY_PARTY_SECRETARY, LocalDate.of(2024, 1, 1));
	}

	private long people(String name) {
		return jdbc.sql("SELECT COUNT(*) FROM person WHERE name = :n").param("n", name).query(Long.class).single();
	}

	@Test
	void validPeopleAreAddedWithTheirPostsAndAudited() {
		actAs("harbin-admin");
		String name = "批量" + System.nanoTime() % 100000;
		int seq = (int) (System.nanoTime() % 400) + 500;
		List<Long> ids = org.addPostHolders(List.of(secretary(name, idNumber("230102", seq), "230102001001"),
				secretary(name, idNumber("230102", seq + 2), "230102001001")));
		assertThat(ids).hasSize(2);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM post_assignment WHERE person_id IN (:ids) AND post = 'COMMUNITY_PARTY_SECRETARY'")
			.param("ids", ids).query(Long.class).single()).isEqualTo(2);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'PERSON_CREATE' AND actor = 'harbin-admin'"
				+ " AND target_id IN (:ids)").param("ids", ids.stream().map(String::valueOf).toList()).query(Long.class).single())
			.isEqualTo(2);
	}

	@Test
	void oneBadDraftOrOneOutsideTheScopeAddsNobody() {
		actAs("harbin-admin");
		String name = "整批" + System.nanoTime() % 100000;
		String same = idNumber("230102", 901);
		// the same ID number twice, and a region that does not exist: every problem reported, nobody added
		assertThatThrownBy(() -> org.addPostHolders(List.of(secretary(name, same, "230102001001"),
				secretary(name, same, "230102001001"), secretary(name, null, "239999999999"))))
			.isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
				.extracting(InvalidInputException.FieldError::field)
				.contains("people[1].idNumber", "people[2].regionCode"));
		assertThat(people(name)).isZero();
		// Harbin's officer cannot add a Qiqihar secretary, and the Harbin one beside it is not added either
		assertThatThrownBy(() -> org.addPostHolders(List.of(secretary(name, null, "230102001001"),
				secretary(name, null, org.regionCodesAt(230200000000L, RegionLevel.VILLAGE).get(0).toString()))))
			.isInstanceOf(ForbiddenException.class);
		assertThat(people(name)).isZero();
	}
}
