package cn.grassroots.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RegionCodeTest {

	@Test
	void shortAndFullFormsNameTheSameRegion() {
		assertThat(RegionCode.parse("230102001").value()).isEqualTo(230102001000L);
		assertThat(RegionCode.parse("230102001000")).isEqualTo(RegionCode.parse("230102001"));
		assertThat(RegionCode.parse("23").full()).isEqualTo("230000000000");
	}

	@Test
	void shortFormDropsTrailingZeroLevels() {
		assertThat(new RegionCode(230000000000L).shortForm()).isEqualTo("23");
		assertThat(new RegionCode(230100000000L).shortForm()).isEqualTo("2301");
		assertThat(new RegionCode(230102001000L).shortForm()).isEqualTo("230102001");
		assertThat(new RegionCode(230102001001L).shortForm()).isEqualTo("230102001001");
	}

	@Test
	void subtreeIsANumericRange() {
		RegionCode harbin = RegionCode.parse("2301");
		assertThat(harbin.subtreeEnd()).isEqualTo(230199999999L);
		assertThat(harbin.contains(RegionCode.parse("230102001001"))).isTrue();
		assertThat(harbin.contains(RegionCode.parse("2302"))).isFalse();
		assertThat(RegionCode.parse("230102001001").subtreeEnd()).isEqualTo(230102001001L);
	}

	@Test
	void ancestorsRunFromTheProvinceDown() {
		assertThat(new RegionCode(230102001001L).selfAndAncestors())
			.containsExactly(230000000000L, 230100000000L, 230102000000L, 230102001000L, 230102001001L);
		assertThat(new RegionCode(230100000000L).selfAndAncestors()).containsExactly(230000000000L, 230100000000L);
		// a code whose middle level group is all zeros has no region of that level above it
		assertThat(new RegionCode(230102000001L).selfAndAncestors())
			.containsExactly(230000000000L, 230100000000L, 230102000000L, 230102000001L);
	}

	@Test
	void rejectsMalformedCodes() {
		for (String bad : new String[] { "", "2", "123", "23010", "abc", "2301020010011", "0123", "-23" }) {
			assertThatThrownBy(() -> RegionCode.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
		}
	}
}
