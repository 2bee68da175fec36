// Licensed under the MIT License.

using System;
using System.Management.Automation;
using System.Net;
using System.Runtime.InteropServices;
using System.Security;

namespace AiOps.PowerShell;

/// <summary>Lets a <see cref="SecureString"/> parameter also take a plain string or a <see cref="PSCredential"/> (its password),
/// as <c>Get-Secret</c> and scripts pass keys either way.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
internal sealed class SecureStringTransformationAttribute : ArgumentTransformationAttribute
{
    /// <inheritdoc/>
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        object? value = inputData is PSObject ps ? ps.BaseObject : inputData;
        return value switch
        {
            null => null,
            SecureString secure => secure,
            string text => new NetworkCredential(string.Empty, text).SecurePassword,
            PSCredential credential => credential.Password,
            _ => throw new ArgumentTransformationMetadataException($"-ApiKey takes a SecureString, a string or a PSCredential, not a {value.GetType().Name}."),
        };
    }

    /// <summary>Reads a secure string's text for the moment it is needed.</summary>
    public static string? ToPlainText(SecureString? secure)
    {
        if (secure is null)
        {
            return null;
        }

        IntPtr ptr = Marshal.SecureStringToGlobalAllocUnicode(secure);
        try
        {
            return Marshal.PtrToStringUni(ptr);
        }
        finally
        {
            Marshal.ZeroFreeGlobalAllocUnicode(ptr);
        }
    }
}
