// Licensed under the MIT License.

using System.Collections.Generic;
using System.Threading.Tasks;

namespace AiOps.Middleware.Tests;

public static class AsyncEnumerableExtensions
{
    public static async Task<List<T>> ToListAsync<T>(this IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (T item in source)
        {
            list.Add(item);
        }

        return list;
    }
}
