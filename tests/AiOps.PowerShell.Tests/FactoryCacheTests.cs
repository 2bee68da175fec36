// Licensed under the MIT License.

using System;
using AiOps.PowerShell.Engine;

namespace AiOps.PowerShell.Tests;

public sealed class FactoryCacheTests
{
    [Fact]
    public void TheSameConfiguration_SharesOneFactory_AndAnotherKeyGetsItsOwn()
    {
        AiOpsOptions first = Options("sk-cache-test-one-0123456789");
        AiOpsOptions same = Options("sk-cache-test-one-0123456789");
        AiOpsOptions rotated = Options("sk-cache-test-two-0123456789");

        AiClientFactory a = FactoryCache.Get(first);
        AiClientFactory b = FactoryCache.Get(same);
        AiClientFactory c = FactoryCache.Get(rotated);

        Assert.Same(a, b);
        Assert.NotSame(a, c);
    }

    [Fact]
    public void ProxyAndTimeout_AreDistinctConfigurations()
    {
        AiOpsOptions plain = Options("sk-cache-test-proxy-0123456789");
        AiOpsOptions proxied = Options("sk-cache-test-proxy-0123456789");
        proxied.Proxy = new System.Net.WebProxy(new Uri("http://proxy.example:8080"));
        AiOpsOptions slower = Options("sk-cache-test-proxy-0123456789");
        slower.Timeout = TimeSpan.FromSeconds(300);

        Assert.NotSame(FactoryCache.Get(plain), FactoryCache.Get(proxied));
        Assert.NotSame(FactoryCache.Get(plain), FactoryCache.Get(slower));
    }

    private static AiOpsOptions Options(string key)
    {
        var options = new AiOpsOptions();
        options.GetProvider(AiProviderId.OpenAI).ApiKey = key;
        return options;
    }
}
