package cn.grassroots.org;

import java.time.LocalDate;

/**
 * A person to add to the roster together with the post they hold, as another module enrols them
 * in bulk (e.g. the secretaries a training programme needs). The post is held where its anchor
 * says: the person's region, grid or unit; {@code since} defaults to today.
 */
public record PostHolderDraft(PersonDraft person, PostType post, LocalDate since) {
}
