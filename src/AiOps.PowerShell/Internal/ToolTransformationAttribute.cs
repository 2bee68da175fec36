// Licensed under the MIT License.

using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;

namespace AiOps.PowerShell;

/// <summary>Lets <c>-Tool</c> take command names and <c>Get-Command</c> output as well as <c>New-AiTool</c> objects.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
internal sealed class ToolTransformationAttribute : ArgumentTransformationAttribute
{
    /// <inheritdoc/>
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        object? value = PSValue.Base(inputData);
        if (value is null)
        {
            return null;
        }

        IEnumerable items = value is IEnumerable e && value is not string ? e : new[] { value };
        var tools = new List<AiTool>();
        foreach (object? item in items)
        {
            if (item is null)
            {
                continue;
            }

            try
            {
                tools.Add(ToolFactory.Create(engineIntrinsics.InvokeCommand, item, name: null, description: null, parameterSet: null, include: null));
            }
            catch (ArgumentException ex)
            {
                throw new ArgumentTransformationMetadataException(ex.Message, ex);
            }
        }

        return tools.ToArray();
    }
}
