<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>DrawTab</name>
    <message numerus="yes">
        <source>Learned from your %n sample(s).</source>
        <translation>
            <numerusform>Learned from your %n sample.</numerusform>
            <numerusform>Learned from your %n samples.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Saved as your {digit} (%Ln sample(s) of {digit}).</source>
        <translation>
            <numerusform>Saved as your {digit} (%Ln sample of {digit}).</numerusform>
            <numerusform>Saved as your {digit} (%Ln samples of {digit}).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>Personal reading on (%n sample(s))</source>
        <translation>
            <numerusform>Personal reading on (%n sample)</numerusform>
            <numerusform>Personal reading on (%n samples)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ResultsView</name>
    <message numerus="yes">
        <source>after %n epoch(s)</source>
        <translation>
            <numerusform>after %n epoch</numerusform>
            <numerusform>after %n epochs</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RunsView</name>
    <message numerus="yes">
        <source>%Ln run(s), newest first; every run is kept here, saved or not.</source>
        <translation>
            <numerusform>%Ln run, newest first; every run is kept here, saved or not.</numerusform>
            <numerusform>%Ln runs, newest first; every run is kept here, saved or not.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %Ln run(s) from the history? Saved models are kept.</source>
        <translation>
            <numerusform>Delete %Ln run from the history? Saved models are kept.</numerusform>
            <numerusform>Delete %Ln runs from the history? Saved models are kept.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SamplesView</name>
    <message numerus="yes">
        <source>Personal reading: the Draw tab reads with %n of your samples, at once, without training (the newest 50 of each digit at most). Fine-tuning in the Train tab is for many samples: it trains the network on all of them.</source>
        <translation>
            <numerusform>Personal reading: the Draw tab reads with your %n sample, at once, without training (the newest 50 of each digit at most). Fine-tuning in the Train tab is for many samples: it trains the network on all of them.</numerusform>
            <numerusform>Personal reading: the Draw tab reads with %n of your samples, at once, without training (the newest 50 of each digit at most). Fine-tuning in the Train tab is for many samples: it trains the network on all of them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Relabelled %Ln sample(s) as {digit}.</source>
        <translation>
            <numerusform>Relabelled %Ln sample as {digit}.</numerusform>
            <numerusform>Relabelled %Ln samples as {digit}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %Ln sample(s).</source>
        <translation>
            <numerusform>Deleted %Ln sample.</numerusform>
            <numerusform>Deleted %Ln samples.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln sample(s) to {path}.</source>
        <translation>
            <numerusform>Exported %Ln sample to {path}.</numerusform>
            <numerusform>Exported %Ln samples to {path}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %Ln sample(s) from {path}.</source>
        <translation>
            <numerusform>Imported %Ln sample from {path}.</numerusform>
            <numerusform>Imported %Ln samples from {path}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrainForm</name>
    <message numerus="yes">
        <source>Expected: {duration} (%n epoch(s) of {images} images on the GPU, {basis}).</source>
        <translation>
            <numerusform>Expected: {duration} (%n epoch of {images} images on the GPU, {basis}).</numerusform>
            <numerusform>Expected: {duration} (%n epochs of {images} images on the GPU, {basis}).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Expected: {duration} (%n epoch(s) of {images} images on the CPU, {basis}).</source>
        <translation>
            <numerusform>Expected: {duration} (%n epoch of {images} images on the CPU, {basis}).</numerusform>
            <numerusform>Expected: {duration} (%n epochs of {images} images on the CPU, {basis}).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrainTab</name>
    <message numerus="yes">
        <source>Starting: {preset} on {dataset}, {optimizer} lr {rate}, %n epoch(s) of batch {batch}, augmented.</source>
        <translation>
            <numerusform>Starting: {preset} on {dataset}, {optimizer} lr {rate}, %n epoch of batch {batch}, augmented.</numerusform>
            <numerusform>Starting: {preset} on {dataset}, {optimizer} lr {rate}, %n epochs of batch {batch}, augmented.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Starting: {preset} on {dataset}, {optimizer} lr {rate}, %n epoch(s) of batch {batch}.</source>
        <translation>
            <numerusform>Starting: {preset} on {dataset}, {optimizer} lr {rate}, %n epoch of batch {batch}.</numerusform>
            <numerusform>Starting: {preset} on {dataset}, {optimizer} lr {rate}, %n epochs of batch {batch}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Study: {preset} with {what}, %n epoch(s) on {images} images each.</source>
        <translation>
            <numerusform>Study: {preset} with {what}, %n epoch on {images} images each.</numerusform>
            <numerusform>Study: {preset} with {what}, %n epochs on {images} images each.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stopped after %n epoch(s): test accuracy {accuracy}.</source>
        <translation>
            <numerusform>Stopped after %n epoch: test accuracy {accuracy}.</numerusform>
            <numerusform>Stopped after %n epochs: test accuracy {accuracy}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Finished after %n epoch(s): test accuracy {accuracy}.</source>
        <translation>
            <numerusform>Finished after %n epoch: test accuracy {accuracy}.</numerusform>
            <numerusform>Finished after %n epochs: test accuracy {accuracy}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Study over: {done} of %n run(s); see the Compare tab.</source>
        <translation>
            <numerusform>Study over: {done} of %n run; see the Compare tab.</numerusform>
            <numerusform>Study over: {done} of %n runs; see the Compare tab.</numerusform>
        </translation>
    </message>
</context>
</TS>
