// Licensed under the MIT License.

namespace AiOps.Tests;

/// <summary>The comparer the oracle tests rely on must see every kind of difference, or they could pass vacuously.</summary>
public sealed class JsonAssertTests
{
    [Theory]
    [InlineData("""{"a":1,"b":[1,2]}""", """{"b":[1,2],"a":1.0}""", 0)]
    [InlineData("""{"a":1}""", """{"a":2}""", 1)]
    [InlineData("""{"a":1}""", """{"a":1,"b":null}""", 1)]
    [InlineData("""{"a":1,"b":2}""", """{"a":1}""", 1)]
    [InlineData("""{"a":[1,2]}""", """{"a":[2,1]}""", 2)]
    [InlineData("""{"a":"x"}""", """{"a":"X"}""", 1)]
    [InlineData("""{"a":"1"}""", """{"a":1}""", 1)]
    [InlineData("""{"a":true}""", """{"a":false}""", 1)]
    [InlineData("""{"a":{"b":{"c":[{"d":1}]}}}""", """{"a":{"b":{"c":[{"d":1,"e":2}]}}}""", 1)]
    public void Differences_are_found_at_any_depth(string expected, string actual, int count)
    {
        Assert.Equal(count, JsonAssert.Differences(expected, actual).Count);
    }
}
