package cn.grassroots.platform;

import java.util.List;
import java.util.function.Function;

/** The API's page body: {@code {"content":[…],"page":{"number","size","totalElements","totalPages"}}}. */
public record PageResult<T>(List<T> content, PageInfo page) {

	public record PageInfo(int number, int size, long totalElements, int totalPages) {
	}

	public static <T> PageResult<T> of(List<T> content, PageRequest request, long total) {
		int pages = (int) ((total + request.size() - 1) / request.size());
		return new PageResult<>(content, new PageInfo(request.page(), request.size(), total, pages));
	}

	public <R> PageResult<R> map(Function<T, R> mapper) {
		return new PageResult<>(content.stream().map(mapper).toList(), page);
	}
}
