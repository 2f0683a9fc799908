package cn.grassroots.platform;

/** A reference to another record in an API body: its id and the name a reader knows it by. */
public record Ref(long id, String name) {
}
