package cn.grassroots.org;

import java.time.LocalDate;

/**
 * What a user types for a person. Gender and birth date are taken from the ID number when there
 * is one. {@code regionCode} accepts the short or the 12-digit form.
 */
public record PersonDraft(String name, Gender gender, LocalDate birthDate, String phone, String idNumber,
		Boolean partyMember, String regionCode, Long gridId, Long unitId) {
}
