<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi" sourcelanguage="en">
<context>
    <name>AnswerView</name>
    <message>
        <source>{ordinal}</source>
        <comment>an ordinal number such as 1st or 22nd; {n} is the number</comment>
        <translation>thứ {n}</translation>
    </message>
    <message>
        <source>not a digit</source>
        <translation>không phải chữ số</translation>
    </message>
    <message>
        <source>This does not look like a digit ({sure} sure).</source>
        <translation>Hình này không giống một chữ số (chắc chắn {sure}).</translation>
    </message>
    <message>
        <source>The nearest digit is {digit}, at {share}.</source>
        <translation>Chữ số gần nhất là {digit}, với {share}.</translation>
    </message>
    <message>
        <source>{share} sure</source>
        <translation>chắc chắn {share}</translation>
    </message>
    <message>
        <source>Not sure: maybe {first} ({first_share}) or {second} ({second_share}).</source>
        <translation>Chưa chắc: có thể là {first} ({first_share}) hoặc {second} ({second_share}).</translation>
    </message>
    <message>
        <source>{count} characters; the {nth} is not a digit (shown as ?).</source>
        <translation>{count} ký tự; ký tự {nth} không phải chữ số (hiện là ?).</translation>
    </message>
    <message>
        <source>{count} characters; the {nths} are not digits (shown as ?).</source>
        <translation>{count} ký tự; các ký tự {nths} không phải chữ số (hiện là ?).</translation>
    </message>
    <message>
        <source>{count} digits, the least certain at {share}; not sure of the {nths} one.</source>
        <translation>{count} chữ số, chữ số kém chắc chắn nhất ở mức {share}; chưa chắc về chữ số {nths}.</translation>
    </message>
    <message>
        <source>{count} digits, the least certain at {share}.</source>
        <translation>{count} chữ số, chữ số kém chắc chắn nhất ở mức {share}.</translation>
    </message>
    <message>
        <source>Read by {reader}: {verdict}</source>
        <translation>Do {reader} đọc: {verdict}</translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message>
        <source>{accuracy} of {count}</source>
        <translation>{accuracy} trên {count}</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Mô hình</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>Tập dữ liệu</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>Thuật toán tối ưu</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Tốc độ học</translation>
    </message>
    <message>
        <source>Learning-rate decay</source>
        <translation>Hệ số giảm tốc độ học</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Kích thước batch</translation>
    </message>
    <message>
        <source>Epochs asked</source>
        <translation>Số epoch đặt ra</translation>
    </message>
    <message>
        <source>Epochs done</source>
        <translation>Số epoch đã chạy</translation>
    </message>
    <message>
        <source>Augmentation</source>
        <translation>Tăng cường dữ liệu</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>có</translation>
    </message>
    <message>
        <source>no</source>
        <translation>không</translation>
    </message>
    <message>
        <source>Validation split</source>
        <translation>Tỉ lệ tập kiểm định</translation>
    </message>
    <message>
        <source>Training images</source>
        <translation>Số ảnh huấn luyện</translation>
    </message>
    <message>
        <source>all</source>
        <translation>tất cả</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Hạt giống ngẫu nhiên (seed)</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Thiết bị</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Kết cục</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <source>Last training accuracy</source>
        <translation>Độ chính xác huấn luyện cuối</translation>
    </message>
    <message>
        <source>Test accuracy</source>
        <translation>Độ chính xác kiểm tra</translation>
    </message>
    <message>
        <source>Test images</source>
        <translation>Số ảnh kiểm tra</translation>
    </message>
    <message>
        <source>Your samples</source>
        <translation>Mẫu của bạn</translation>
    </message>
    <message>
        <source>Held-out pen digits</source>
        <translation>Chữ số viết bút để riêng</translation>
    </message>
    <message>
        <source>against epochs</source>
        <translation>theo epoch</translation>
    </message>
    <message>
        <source>against time (seconds)</source>
        <translation>theo thời gian (giây)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Xuất</translation>
    </message>
    <message>
        <source>Picture (PNG)...</source>
        <translation>Hình ảnh (PNG)...</translation>
    </message>
    <message>
        <source>Table and curves (CSV)...</source>
        <translation>Bảng và đường cong (CSV)...</translation>
    </message>
    <message>
        <source>Curves</source>
        <translation>Đường cong</translation>
    </message>
    <message>
        <source>Rows where the runs differ are highlighted.</source>
        <translation>Những dòng mà các lượt chạy khác nhau được tô nổi bật.</translation>
    </message>
    <message>
        <source>Run {n}</source>
        <translation>Lượt {n}</translation>
    </message>
    <message>
        <source>Each run is read on your samples (the Samples tab) when it ends; a dash: you had none then.</source>
        <translation>Mỗi lượt chạy được đo trên các mẫu của bạn (thẻ Mẫu) khi kết thúc; dấu gạch: lúc đó bạn chưa có mẫu nào.</translation>
    </message>
    <message>
        <source>Each digit run is read on the pen data&apos;s held-out writers when it ends; a dash: the pen data file was not found (Pen data, in the form).</source>
        <translation>Mỗi lượt chạy chữ số được đo trên những người viết được giữ riêng của dữ liệu bút khi kết thúc; dấu gạch: không tìm thấy tệp dữ liệu bút (Dữ liệu bút, trong biểu mẫu).</translation>
    </message>
    <message>
        <source>seconds since the start</source>
        <translation>số giây kể từ lúc bắt đầu</translation>
    </message>
    <message>
        <source>Cannot export</source>
        <translation>Không xuất được</translation>
    </message>
    <message>
        <source>{path} could not be written: {reason}.</source>
        <translation>Không ghi được {path}: {reason}.</translation>
    </message>
    <message>
        <source>Saved the comparison to {path}.</source>
        <translation>Đã lưu bảng so sánh vào {path}.</translation>
    </message>
    <message>
        <source>{path} could not be written.</source>
        <translation>Không ghi được {path}.</translation>
    </message>
    <message>
        <source>Saved the comparison picture to {path}.</source>
        <translation>Đã lưu hình so sánh vào {path}.</translation>
    </message>
    <message>
        <source>Export the comparison</source>
        <translation>Xuất bảng so sánh</translation>
    </message>
    <message>
        <source>CSV table (*.csv)</source>
        <translation>Bảng CSV (*.csv)</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>Ảnh PNG (*.png)</translation>
    </message>
</context>
<context>
    <name>DrawTab</name>
    <message>
        <source>loading model...</source>
        <translation>đang nạp mô hình...</translation>
    </message>
    <message>
        <source>Loading the model; you can start drawing.</source>
        <translation>Đang nạp mô hình; bạn có thể bắt đầu vẽ.</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Hoàn tác</translation>
    </message>
    <message>
        <source>Undo the last stroke</source>
        <translation>Hoàn tác nét vừa vẽ</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Làm lại</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Xóa hết</translation>
    </message>
    <message>
        <source>Clear the canvas</source>
        <translation>Xóa toàn bộ khung vẽ</translation>
    </message>
    <message>
        <source>Eraser</source>
        <translation>Tẩy</translation>
    </message>
    <message>
        <source>Eraser (right-drag also erases)</source>
        <translation>Tẩy (kéo chuột phải cũng tẩy)</translation>
    </message>
    <message>
        <source>Thinner pen</source>
        <translation>Bút mảnh hơn</translation>
    </message>
    <message>
        <source>Thicker pen</source>
        <translation>Bút đậm hơn</translation>
    </message>
    <message>
        <source>Open image...</source>
        <translation>Mở ảnh...</translation>
    </message>
    <message>
        <source>Open an image to recognize</source>
        <translation>Mở một ảnh để nhận dạng</translation>
    </message>
    <message>
        <source>Paste image</source>
        <translation>Dán ảnh</translation>
    </message>
    <message>
        <source>Paste an image from the clipboard</source>
        <translation>Dán ảnh từ bộ nhớ tạm</translation>
    </message>
    <message>
        <source>Export PNG...</source>
        <translation>Xuất PNG...</translation>
    </message>
    <message>
        <source>Save the canvas as PNG</source>
        <translation>Lưu khung vẽ thành ảnh PNG</translation>
    </message>
    <message>
        <source>Inside the network</source>
        <translation>Bên trong mạng nơ-ron</translation>
    </message>
    <message>
        <source>Show what each layer of the network makes of the drawing, and which strokes drove the answer</source>
        <translation>Xem mỗi lớp của mạng nhìn hình vẽ ra sao, và những nét nào quyết định câu trả lời</translation>
    </message>
    <message>
        <source>Inside</source>
        <comment>the tool button of &apos;Inside the network&apos;</comment>
        <translation>Bên trong</translation>
    </message>
    <message>
        <source>Read with my samples</source>
        <translation>Đọc theo mẫu của tôi</translation>
    </message>
    <message>
        <source>Read your drawings with the samples you saved (each counts at once); off: the model alone</source>
        <translation>Đọc hình vẽ của bạn theo các mẫu bạn đã lưu (mỗi mẫu có tác dụng ngay); tắt: chỉ dùng mô hình</translation>
    </message>
    <message>
        <source>Save this drawing as your {digit}</source>
        <translation>Lưu hình vẽ này làm mẫu chữ số {digit} của bạn</translation>
    </message>
    <message>
        <source>Pen</source>
        <translation>Bút</translation>
    </message>
    <message>
        <source>Pen width ([ and ] change it)</source>
        <translation>Độ dày nét bút (phím [ và ] để đổi)</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Teach it: this is a</source>
        <translation>Dạy nó: đây là số</translation>
    </message>
    <message>
        <source>Wrong answer (or right)? Save the drawing with its true digit as your own sample; fine-tune on your samples in the Train tab.</source>
        <translation>Trả lời sai (hay đúng)? Lưu hình vẽ kèm chữ số thật làm mẫu của riêng bạn; rồi tinh chỉnh mô hình trên các mẫu đó ở thẻ Huấn luyện.</translation>
    </message>
    <message>
        <source>Draw one digit, or several side by side. Drop or paste an image to read it.</source>
        <translation>Vẽ một chữ số, hoặc vài chữ số cạnh nhau. Thả hoặc dán một ảnh để đọc nó.</translation>
    </message>
    <message>
        <source>What the model sees</source>
        <translation>Mô hình nhìn thấy</translation>
    </message>
    <message>
        <source>no usable answer</source>
        <translation>không có câu trả lời dùng được</translation>
    </message>
    <message>
        <source>model unusable</source>
        <translation>mô hình không dùng được</translation>
    </message>
    <message>
        <source>It gave no probabilities for this drawing; open another model.</source>
        <translation>Mô hình không cho ra xác suất cho hình vẽ này; hãy mở mô hình khác.</translation>
    </message>
    <message>
        <source>draw a digit</source>
        <translation>hãy vẽ một chữ số</translation>
    </message>
    <message>
        <source>Probability of each digit</source>
        <translation>Xác suất của từng chữ số</translation>
    </message>
    <message>
        <source>Nothing drawn yet.</source>
        <translation>Chưa vẽ gì.</translation>
    </message>
    <message>
        <source>Charted: the {nth} of {count} ({shown})</source>
        <translation>Biểu đồ: chữ số {nth} trong {count} ({shown})</translation>
    </message>
    <message>
        <source>Wrong? Press the right digit (0-9).</source>
        <translation>Đọc sai? Hãy bấm phím chữ số đúng (0-9).</translation>
    </message>
    <message>
        <source>Wrong? Click that digit&apos;s picture below, then press the right digit.</source>
        <translation>Đọc sai? Bấm vào hình của chữ số đó ở dưới, rồi bấm phím chữ số đúng.</translation>
    </message>
    <message>
        <source>To save one digit of several, click its picture first, then press its key.</source>
        <translation>Để lưu một chữ số trong số nhiều chữ số, hãy bấm vào hình của nó trước, rồi bấm phím của nó.</translation>
    </message>
    <message>
        <source>Draw exactly one digit to save it as a sample.</source>
        <translation>Hãy vẽ đúng một chữ số để lưu làm mẫu.</translation>
    </message>
    <message>
        <source>Cannot save the sample</source>
        <translation>Không lưu được mẫu</translation>
    </message>
    <message>
        <source>Could not write to {folder}: {reason}</source>
        <translation>Không ghi được vào {folder}: {reason}</translation>
    </message>
    <message numerus="yes">
        <source>Learned from your %n sample(s).</source>
        <translation>
            <numerusform>Đã học từ %n mẫu của bạn.</numerusform>
        </translation>
    </message>
    <message>
        <source>Saved as your {digit} (your first {digit}).</source>
        <translation>Đã lưu làm mẫu số {digit} (mẫu số {digit} đầu tiên của bạn).</translation>
    </message>
    <message numerus="yes">
        <source>Saved as your {digit} (%Ln sample(s) of {digit}).</source>
        <translation>
            <numerusform>Đã lưu làm mẫu số {digit} (%Ln mẫu số {digit}).</numerusform>
        </translation>
    </message>
    <message>
        <source>{source} has no ink: there is nothing to read.</source>
        <translation>{source} không có nét mực nào: không có gì để đọc.</translation>
    </message>
    <message>
        <source>No digit found in {source}.</source>
        <translation>Không tìm thấy chữ số nào trong {source}.</translation>
    </message>
    <message>
        <source>Showing {source}, read by {reader}.</source>
        <translation>Đang hiện {source}, do {reader} đọc.</translation>
    </message>
    <message>
        <source>Showing {source}.</source>
        <translation>Đang hiện {source}.</translation>
    </message>
    <message>
        <source>Cannot open image</source>
        <translation>Không mở được ảnh</translation>
    </message>
    <message>
        <source>Images ({patterns})</source>
        <translation>Ảnh ({patterns})</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Mọi tệp (*)</translation>
    </message>
    <message>
        <source>Open an image</source>
        <translation>Mở một ảnh</translation>
    </message>
    <message>
        <source>the pasted image</source>
        <translation>ảnh vừa dán</translation>
    </message>
    <message>
        <source>The clipboard holds no image.</source>
        <translation>Bộ nhớ tạm không chứa ảnh nào.</translation>
    </message>
    <message>
        <source>Export the canvas</source>
        <translation>Xuất khung vẽ</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>Ảnh PNG (*.png)</translation>
    </message>
    <message>
        <source>Cannot export</source>
        <translation>Không xuất được</translation>
    </message>
    <message>
        <source>Could not write {path}: {reason}</source>
        <translation>Không ghi được {path}: {reason}</translation>
    </message>
    <message>
        <source>Saved {path}.</source>
        <translation>Đã lưu {path}.</translation>
    </message>
    <message>
        <source>the dropped image</source>
        <translation>ảnh vừa thả vào</translation>
    </message>
</context>
<context>
    <name>GraphicsScene</name>
    <message>
        <source>Export...</source>
        <translation>Xuất...</translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <source>&lt;h3&gt;Draw&lt;/h3&gt;&lt;p&gt;Draw a digit on the black paper with the mouse (or a pen tablet). The chart shows, while you draw, how likely each digit is; the big answer above it turns amber when the model is not sure, and says &lt;i&gt;not a digit&lt;/i&gt; for letters and scribbles. Write several digits side by side to read a number; click one of the small images under the chart to see its probabilities. Open, drop or paste an image to read it. &lt;i&gt;Inside the network&lt;/i&gt; (Ctrl+I) shows what each layer makes of your drawing and colours the strokes that drove the answer.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Vẽ&lt;/h3&gt;&lt;p&gt;Vẽ một chữ số trên tờ giấy đen bằng chuột (hoặc bút cảm ứng). Ngay khi bạn vẽ, biểu đồ cho thấy khả năng của từng chữ số; câu trả lời lớn phía trên chuyển sang màu hổ phách khi mô hình chưa chắc, và báo &lt;i&gt;không phải chữ số&lt;/i&gt; với chữ cái và nét nguệch ngoạc. Viết vài chữ số cạnh nhau để đọc một số; bấm vào một ảnh nhỏ dưới biểu đồ để xem xác suất của nó. Mở, thả hoặc dán một ảnh để đọc nó. &lt;i&gt;Bên trong mạng nơ-ron&lt;/i&gt; (Ctrl+I) cho thấy mỗi lớp nhìn hình vẽ của bạn ra sao và tô màu những nét quyết định câu trả lời.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Teach&lt;/h3&gt;&lt;p&gt;If the answer is wrong (or right), press the digit you meant, or click it after &lt;i&gt;Teach it: this is a&lt;/i&gt;. The drawing is kept as your own sample in the Samples tab. With ten or more, &lt;i&gt;Fine-tune on my samples&lt;/i&gt; in the Train tab teaches the model your hand, and tells you how well it reads drawings of yours it was not trained on, before and after.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Dạy&lt;/h3&gt;&lt;p&gt;Nếu câu trả lời sai (hoặc đúng), hãy nhấn chữ số bạn muốn viết, hoặc bấm nó sau dòng &lt;i&gt;Dạy nó: đây là số&lt;/i&gt;. Hình vẽ được giữ làm mẫu của riêng bạn ở thẻ Mẫu. Khi có từ mười mẫu trở lên, &lt;i&gt;Tinh chỉnh trên mẫu của tôi&lt;/i&gt; ở thẻ Huấn luyện dạy mô hình nét chữ của bạn, và cho biết nó đọc những hình vẽ của bạn mà nó chưa được học tốt đến đâu, trước và sau khi tinh chỉnh.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Train&lt;/h3&gt;&lt;p&gt;In the Train tab choose a dataset, a network and an optimizer, then &lt;i&gt;Start training&lt;/i&gt;. The curves show the loss and accuracy as the model learns; &lt;i&gt;Stop&lt;/i&gt; keeps what it has learned so far. The Results tab shows the test accuracy, which digits get confused, and the images it got wrong (click one to try it in the Draw tab). Save the model to keep it; &lt;i&gt;Use in Draw tab&lt;/i&gt; switches the Draw tab to it. &lt;i&gt;Study...&lt;/i&gt; trains the same network with each optimizer, or at several learning rates, and compares the runs.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Huấn luyện&lt;/h3&gt;&lt;p&gt;Ở thẻ Huấn luyện, chọn một tập dữ liệu, một mạng và một thuật toán tối ưu, rồi bấm &lt;i&gt;Bắt đầu huấn luyện&lt;/i&gt;. Các đường cong cho thấy hàm mất mát và độ chính xác khi mô hình học; &lt;i&gt;Dừng&lt;/i&gt; giữ lại những gì nó đã học được. Thẻ Kết quả cho thấy độ chính xác kiểm tra, những chữ số hay bị nhầm với nhau, và các ảnh bị nhận sai (bấm vào một ảnh để thử ở thẻ Vẽ). Lưu mô hình để giữ lại; &lt;i&gt;Dùng ở thẻ Vẽ&lt;/i&gt; chuyển thẻ Vẽ sang mô hình đó. &lt;i&gt;Thí nghiệm...&lt;/i&gt; huấn luyện cùng một mạng với từng thuật toán tối ưu, hoặc với vài tốc độ học, rồi so sánh các lượt chạy.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Your own model&lt;/h3&gt;&lt;p&gt;Trained a model in a notebook or a Keras tutorial? Save it with &lt;code&gt;model.save(&quot;mnist.keras&quot;)&lt;/code&gt;, then choose &lt;i&gt;File &amp;gt; Open model...&lt;/i&gt; (Ctrl+Shift+O) or drop the file on the Draw tab, and draw. The model must take 28x28 images (or 784 numbers, or 28x28x1) with values from 0 to 1, as &lt;code&gt;x_train / 255&lt;/code&gt; gives (or start with &lt;code&gt;Rescaling(1./255)&lt;/code&gt;), white digits on black, and answer ten values, one per digit. Models are opened in Keras&apos; safe mode: one with a &lt;code&gt;Lambda&lt;/code&gt; layer is refused. The other way round, &lt;i&gt;Keras code...&lt;/i&gt; in the Train tab writes the form&apos;s network and settings as a script for your notebook.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Mô hình của riêng bạn&lt;/h3&gt;&lt;p&gt;Bạn đã huấn luyện một mô hình trong notebook hay theo một bài hướng dẫn Keras? Hãy lưu nó bằng &lt;code&gt;model.save(&quot;mnist.keras&quot;)&lt;/code&gt;, rồi chọn &lt;i&gt;Tệp &amp;gt; Mở mô hình...&lt;/i&gt; (Ctrl+Shift+O) hoặc thả tệp vào thẻ Vẽ, rồi vẽ. Mô hình phải nhận ảnh 28x28 (hoặc 784 số, hoặc 28x28x1) với giá trị từ 0 đến 1, như &lt;code&gt;x_train / 255&lt;/code&gt; cho ra (hoặc bắt đầu bằng &lt;code&gt;Rescaling(1./255)&lt;/code&gt;), chữ số trắng trên nền đen, và trả về mười giá trị, mỗi chữ số một giá trị. Mô hình được mở ở chế độ an toàn (safe mode) của Keras: mô hình có lớp &lt;code&gt;Lambda&lt;/code&gt; sẽ bị từ chối. Theo chiều ngược lại, nút &lt;i&gt;Mã Keras...&lt;/i&gt; ở thẻ Huấn luyện viết mạng và các thiết lập của biểu mẫu thành một đoạn mã cho notebook của bạn.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>from source</source>
        <translation>chạy từ mã nguồn</translation>
    </message>
    <message>
        <source>&lt;p&gt;Draw a digit and watch it recognized live; retrain the recognizer on your own computer.&lt;/p&gt;&lt;p&gt;Licence: MIT. Built with PySide6 (Qt), TensorFlow and Keras 3, LiteRT, pyqtgraph, NumPy and Pillow.&lt;/p&gt;&lt;p&gt;Data: MNIST (Yann LeCun, Corinna Cortes, Christopher J. C. Burges). The real pen handwriting comes from the UNIPEN project (train_r01_v07) and from the UCI Pen-Based Recognition of Handwritten Digits set (E. Alpaydin, F. Alimoglu, Bogazici University; UCI Machine Learning Repository), both used under CC BY 4.0.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Vẽ một chữ số và xem nó được nhận dạng ngay lập tức; huấn luyện lại bộ nhận dạng trên chính máy tính của bạn.&lt;/p&gt;&lt;p&gt;Giấy phép: MIT. Xây dựng với PySide6 (Qt), TensorFlow và Keras 3, LiteRT, pyqtgraph, NumPy và Pillow.&lt;/p&gt;&lt;p&gt;Dữ liệu: MNIST (Yann LeCun, Corinna Cortes, Christopher J. C. Burges). Chữ viết tay thật bằng bút lấy từ dự án UNIPEN (train_r01_v07) và từ bộ dữ liệu UCI Pen-Based Recognition of Handwritten Digits (E. Alpaydin, F. Alimoglu, Đại học Bogazici; kho dữ liệu học máy UCI), cả hai dùng theo giấy phép CC BY 4.0.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Save the drawing as your sample of that digit (Draw tab); relabel the selected samples (Samples tab)</source>
        <translation>Lưu hình vẽ làm mẫu của chữ số đó (thẻ Vẽ); gán lại nhãn cho các mẫu đang chọn (thẻ Mẫu)</translation>
    </message>
    <message>
        <source>&lt;p&gt;A drag with the right mouse button erases. In the Samples tab, Delete removes the selected samples.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Kéo bằng chuột phải để tẩy. Ở thẻ Mẫu, phím Delete xóa các mẫu đang chọn.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>InsidePanel</name>
    <message>
        <source>Draw a digit to see what each layer makes of it.</source>
        <translation>Vẽ một chữ số để xem mỗi lớp nhìn nó ra sao.</translation>
    </message>
    <message>
        <source>Saliency on the canvas</source>
        <translation>Bản đồ nổi bật trên khung vẽ</translation>
    </message>
    <message>
        <source>&lt;b&gt;Inside the network&lt;/b&gt;</source>
        <translation>&lt;b&gt;Bên trong mạng nơ-ron&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Saliency</source>
        <translation>Bản đồ nổi bật (saliency)</translation>
    </message>
    <message>
        <source>Colour the strokes that drove the answer (gradient × input: how much each pixel&apos;s ink raised the answer&apos;s score).</source>
        <translation>Tô màu những nét quyết định câu trả lời (gradient × đầu vào: mực ở mỗi điểm ảnh làm tăng điểm số của câu trả lời bao nhiêu).</translation>
    </message>
    <message>
        <source>The model&apos;s input, coloured where the ink raised the answer&apos;s score most.</source>
        <translation>Đầu vào của mô hình, tô màu ở nơi mực làm tăng điểm số của câu trả lời nhiều nhất.</translation>
    </message>
    <message>
        <source>First-layer filters</source>
        <translation>Bộ lọc của lớp đầu tiên</translation>
    </message>
    <message>
        <source>What the first layer learned to look for: blue weights count against, red for.</source>
        <translation>Những gì lớp đầu tiên học để tìm: trọng số xanh làm giảm, đỏ làm tăng.</translation>
    </message>
    <message>
        <source>Opening the model with TensorFlow (the first time takes a few seconds)...</source>
        <translation>Đang mở mô hình bằng TensorFlow (lần đầu mất vài giây)...</translation>
    </message>
    <message>
        <source>Cannot look inside this model: {message}</source>
        <translation>Không xem được bên trong mô hình này: {message}</translation>
    </message>
    <message>
        <source>Answer {target}: the layers that led to it, in order (left to right, then down).</source>
        <translation>Câu trả lời {target}: các lớp dẫn tới nó, theo thứ tự (từ trái sang phải, rồi xuống dưới).</translation>
    </message>
    <message>
        <source>The answer also weighs the pen&apos;s path, which this network does not see.</source>
        <translation>Câu trả lời còn xét cả đường đi của bút, điều mà mạng này không thấy.</translation>
    </message>
    <message>
        <source>not a digit</source>
        <translation>không phải chữ số</translation>
    </message>
    <message>
        <source>Convolution {n} · {shape}</source>
        <translation>Tích chập {n} · {shape}</translation>
    </message>
    <message>
        <source>Pooling {n} · {shape}</source>
        <translation>Gộp (pooling) {n} · {shape}</translation>
    </message>
    <message>
        <source>Dense {n} · {shape}</source>
        <translation>Kết nối đầy đủ {n} · {shape}</translation>
    </message>
    <message>
        <source>Output · {shape}</source>
        <translation>Đầu ra · {shape}</translation>
    </message>
    <message>
        <source>The probabilities the model gives each digit (✗: not a digit).</source>
        <translation>Xác suất mô hình gán cho từng chữ số (✗: không phải chữ số).</translation>
    </message>
    <message>
        <source>Each bar is one unit&apos;s activation.</source>
        <translation>Mỗi cột là giá trị kích hoạt của một nơ-ron.</translation>
    </message>
    <message>
        <source>One small map per filter: bright where the filter found its pattern.</source>
        <translation>Mỗi bộ lọc một bản đồ nhỏ: sáng ở nơi bộ lọc tìm thấy mẫu hình của nó.</translation>
    </message>
    <message>
        <source>First-layer filters · {count}</source>
        <translation>Bộ lọc của lớp đầu tiên · {count}</translation>
    </message>
</context>
<context>
    <name>KerasCodeDialog</name>
    <message>
        <source>Keras code for this run</source>
        <translation>Mã Keras cho lượt chạy này</translation>
    </message>
    <message>
        <source>The form&apos;s network and settings as plain Keras code. Run it in a notebook or with python; open the model it saves with File &gt; Open model...</source>
        <translation>Mạng và các thiết lập của biểu mẫu, viết thành mã Keras thuần. Hãy chạy nó trong notebook hoặc bằng python; mô hình nó lưu ra có thể mở bằng Tệp &gt; Mở mô hình...</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Sao chép</translation>
    </message>
    <message>
        <source>Save as .py...</source>
        <translation>Lưu thành .py...</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Đã sao chép</translation>
    </message>
    <message>
        <source>{path} could not be written: {reason}.</source>
        <translation>Không ghi được {path}: {reason}.</translation>
    </message>
    <message>
        <source>Save the Keras code</source>
        <translation>Lưu mã Keras</translation>
    </message>
    <message>
        <source>Python file (*.py)</source>
        <translation>Tệp Python (*.py)</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>Không lưu được</translation>
    </message>
</context>
<context>
    <name>LoadingIndicator</name>
    <message>
        <source>{seconds} s</source>
        <translation>{seconds} giây</translation>
    </message>
</context>
<context>
    <name>Logs</name>
    <message>
        <source>The log folder {folder} cannot be written; the log goes to {path} instead.</source>
        <translation>Không ghi được vào thư mục nhật ký {folder}; nhật ký được ghi vào {path} thay thế.</translation>
    </message>
    <message>
        <source>The log folder {folder} cannot be written; the log goes to the console (standard error) instead.</source>
        <translation>Không ghi được vào thư mục nhật ký {folder}; nhật ký được ghi ra bảng điều khiển (standard error) thay thế.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>shipped model</source>
        <translation>mô hình có sẵn</translation>
    </message>
    <message>
        <source>test accuracy: MNIST {mnist}, {dataset} {accuracy}</source>
        <translation>độ chính xác kiểm tra: MNIST {mnist}, {dataset} {accuracy}</translation>
    </message>
    <message>
        <source>test accuracy: MNIST {accuracy}</source>
        <translation>độ chính xác kiểm tra: MNIST {accuracy}</translation>
    </message>
    <message>
        <source>test accuracy: {dataset} {accuracy}</source>
        <translation>độ chính xác kiểm tra: {dataset} {accuracy}</translation>
    </message>
    <message>
        <source>test accuracy {accuracy}</source>
        <translation>độ chính xác kiểm tra {accuracy}</translation>
    </message>
    <message>
        <source>test accuracy unknown</source>
        <translation>chưa rõ độ chính xác kiểm tra</translation>
    </message>
    <message>
        <source>Digit Recognizer</source>
        <translation>Nhận dạng chữ số</translation>
    </message>
    <message>
        <source>Draw</source>
        <translation>Vẽ</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>Huấn luyện</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>Mẫu</translation>
    </message>
    <message>
        <source>Model: loading...</source>
        <translation>Mô hình: đang nạp...</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Tệp</translation>
    </message>
    <message>
        <source>Open model...</source>
        <translation>Mở mô hình...</translation>
    </message>
    <message>
        <source>Read digits with a Keras model of your own (a .keras file, saved with model.save).</source>
        <translation>Đọc chữ số bằng một mô hình Keras của riêng bạn (tệp .keras, lưu bằng model.save).</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Thoát</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Sửa</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Xem</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Ngôn ngữ</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Ngôn ngữ của hệ thống</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Trợ &amp;giúp</translation>
    </message>
    <message>
        <source>How to use Digit Recognizer</source>
        <translation>Cách dùng Nhận dạng chữ số</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Phím tắt</translation>
    </message>
    <message>
        <source>About Digit Recognizer</source>
        <translation>Giới thiệu Nhận dạng chữ số</translation>
    </message>
    <message numerus="yes">
        <source>Personal reading on (%n sample(s))</source>
        <translation>
            <numerusform>Đang đọc theo mẫu của bạn (%n mẫu)</numerusform>
        </translation>
    </message>
    <message>
        <source>Personal reading on</source>
        <translation>Đang đọc theo mẫu của bạn</translation>
    </message>
    <message>
        <source>Your drawings are read with the samples you saved; View &gt; Read with my samples turns it off.</source>
        <translation>Hình vẽ của bạn được đọc theo các mẫu bạn đã lưu; Xem &gt; Đọc theo mẫu của tôi để tắt.</translation>
    </message>
    <message>
        <source>The new language is used from the next start (a model is being trained).</source>
        <translation>Ngôn ngữ mới sẽ được dùng từ lần mở sau (đang có mô hình được huấn luyện).</translation>
    </message>
    <message>
        <source>The new language is used from the next start (the trained model is not saved yet).</source>
        <translation>Ngôn ngữ mới được dùng từ lần khởi động sau (mô hình vừa huấn luyện chưa được lưu).</translation>
    </message>
    <message>
        <source>Model: loading {name}...</source>
        <translation>Mô hình: đang nạp {name}...</translation>
    </message>
    <message>
        <source>Only the first image and the first model are opened; the other files are left alone.</source>
        <translation>Chỉ ảnh đầu tiên và mô hình đầu tiên được mở; các tệp còn lại được để nguyên.</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Mọi tệp (*)</translation>
    </message>
    <message>
        <source>Open a model</source>
        <translation>Mở một mô hình</translation>
    </message>
    <message>
        <source>Model: {description}</source>
        <translation>Mô hình: {description}</translation>
    </message>
    <message>
        <source>Loading TensorFlow...</source>
        <translation>Đang nạp TensorFlow...</translation>
    </message>
    <message>
        <source>TensorFlow, which training needs, loads once: a few seconds.</source>
        <translation>TensorFlow, thứ cần cho việc huấn luyện, chỉ nạp một lần: mất vài giây.</translation>
    </message>
    <message>
        <source>TensorFlow did not load: training cannot run.</source>
        <translation>Không nạp được TensorFlow: không thể huấn luyện.</translation>
    </message>
    <message>
        <source>a misclassified test image</source>
        <translation>một ảnh kiểm tra bị nhận sai</translation>
    </message>
    <message>
        <source>the model that got it wrong (just trained)</source>
        <translation>mô hình đã nhận sai nó (vừa huấn luyện)</translation>
    </message>
    <message>
        <source>Model not loaded</source>
        <translation>Chưa nạp được mô hình</translation>
    </message>
    <message>
        <source>Keras models (*.keras *.h5)</source>
        <translation>Mô hình Keras (*.keras *.h5)</translation>
    </message>
    <message>
        <source>{name} stays in use.</source>
        <translation>{name} vẫn được dùng.</translation>
    </message>
    <message>
        <source>The shipped model is used instead.</source>
        <translation>Mô hình có sẵn được dùng thay.</translation>
    </message>
    <message>
        <source>Model: none</source>
        <translation>Mô hình: không có</translation>
    </message>
    <message>
        <source>no model</source>
        <translation>không có mô hình</translation>
    </message>
    <message>
        <source>Quit while the run is stopping?</source>
        <translation>Thoát khi lượt huấn luyện đang dừng?</translation>
    </message>
    <message>
        <source>The stopped run is being measured on the test set; then its model can be saved. Quitting now loses that model.</source>
        <translation>Lượt huấn luyện đã dừng đang được đo trên tập kiểm tra; sau đó có thể lưu mô hình của nó. Thoát bây giờ sẽ mất mô hình đó.</translation>
    </message>
    <message>
        <source>Quit without it</source>
        <translation>Thoát mà không giữ</translation>
    </message>
    <message>
        <source>Quit while training?</source>
        <translation>Thoát khi đang huấn luyện?</translation>
    </message>
    <message>
        <source>A model is being trained. Quitting stops it and loses what it has learned so far.</source>
        <translation>Một mô hình đang được huấn luyện. Thoát sẽ dừng nó và mất những gì nó đã học được.</translation>
    </message>
    <message>
        <source>Stop and quit</source>
        <translation>Dừng và thoát</translation>
    </message>
    <message>
        <source>Save the trained model?</source>
        <translation>Lưu mô hình vừa huấn luyện?</translation>
    </message>
    <message>
        <source>The model from the last run is not saved. Save it in the library as “{name}” before quitting?</source>
        <translation>Mô hình của lượt huấn luyện vừa rồi chưa được lưu. Lưu nó vào thư viện với tên “{name}” trước khi thoát?</translation>
    </message>
    <message>
        <source>Saving “{name}” before quitting...</source>
        <translation>Đang lưu “{name}” trước khi thoát...</translation>
    </message>
    <message>
        <source>Cannot save the model</source>
        <translation>Không lưu được mô hình</translation>
    </message>
</context>
<context>
    <name>ModelInputView</name>
    <message>
        <source>The 28x28 image the model actually sees: the ink&apos;s box scaled to 20 px and centred by its centre of mass, as in MNIST.</source>
        <translation>Ảnh 28x28 mà mô hình thực sự nhìn thấy: khung chứa nét mực được co về 20 px và căn giữa theo trọng tâm, như trong MNIST.</translation>
    </message>
    <message>
        <source>Click a digit to show its probabilities in the chart.</source>
        <translation>Bấm vào một chữ số để xem xác suất của nó trên biểu đồ.</translation>
    </message>
</context>
<context>
    <name>ModelLibraryView</name>
    <message>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>Tập dữ liệu</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>Mẫu mạng</translation>
    </message>
    <message>
        <source>Test accuracy</source>
        <translation>Độ chính xác kiểm tra</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>Số epoch</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Ngày tạo</translation>
    </message>
    <message>
        <source>Use in Draw tab</source>
        <translation>Dùng ở thẻ Vẽ</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>Open a model file...</source>
        <translation>Mở tệp mô hình...</translation>
    </message>
    <message>
        <source>Read digits with a Keras model of your own (a .keras file, saved with model.save). It is read where it is.</source>
        <translation>Đọc chữ số bằng một mô hình Keras của riêng bạn (tệp .keras, lưu bằng model.save). Tệp được đọc tại chỗ, không bị sao chép.</translation>
    </message>
    <message>
        <source>{name} (opened from {folder})</source>
        <translation>{name} (mở từ {folder})</translation>
    </message>
    <message>
        <source>Shipped model</source>
        <translation>Mô hình có sẵn</translation>
    </message>
    <message>
        <source>▶ in use: </source>
        <translation>▶ đang dùng: </translation>
    </message>
    <message>
        <source>loading: </source>
        <translation>đang nạp: </translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>không rõ</translation>
    </message>
    <message>
        <source>In use in the Draw tab.</source>
        <translation>Đang được dùng ở thẻ Vẽ.</translation>
    </message>
    <message>
        <source>This model reads other things than digits; the Draw tab reads digits.</source>
        <translation>Mô hình này đọc những thứ khác chữ số; thẻ Vẽ chỉ đọc chữ số.</translation>
    </message>
    <message>
        <source>A file opened from elsewhere stays where it is; it is never deleted from here.</source>
        <translation>Tệp được mở từ nơi khác vẫn nằm nguyên chỗ cũ; nó không bao giờ bị xóa từ đây.</translation>
    </message>
    <message>
        <source>The shipped model is always kept.</source>
        <translation>Mô hình có sẵn luôn được giữ lại.</translation>
    </message>
    <message>
        <source>Delete the model file and its sidecar</source>
        <translation>Xóa tệp mô hình và tệp mô tả đi kèm</translation>
    </message>
    <message>
        <source>Delete “{name}”? It is the model in use; the Draw tab goes back to the shipped model.</source>
        <translation>Xóa “{name}”? Đây là mô hình đang dùng; thẻ Vẽ sẽ quay về mô hình có sẵn.</translation>
    </message>
    <message>
        <source>Delete “{name}”? This cannot be undone.</source>
        <translation>Xóa “{name}”? Không thể hoàn tác.</translation>
    </message>
    <message>
        <source>Delete the model?</source>
        <translation>Xóa mô hình?</translation>
    </message>
    <message>
        <source>Cannot delete</source>
        <translation>Không xóa được</translation>
    </message>
</context>
<context>
    <name>QDialogButtonBox</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Mở</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>&amp;Có</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>&amp;Không</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>&amp;Tìm trong:</translation>
    </message>
    <message>
        <source>File &amp;name:</source>
        <translation>&amp;Tên tệp:</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>&amp;Loại tệp:</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Mở</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Lưu</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Directory:</source>
        <translation>Thư mục:</translation>
    </message>
    <message>
        <source>&amp;Choose</source>
        <translation>&amp;Chọn</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Lùi</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>Tới</translation>
    </message>
    <message>
        <source>Parent Directory</source>
        <translation>Thư mục cha</translation>
    </message>
    <message>
        <source>Create New Folder</source>
        <translation>Tạo thư mục mới</translation>
    </message>
    <message>
        <source>List View</source>
        <translation>Dạng danh sách</translation>
    </message>
    <message>
        <source>Detail View</source>
        <translation>Dạng chi tiết</translation>
    </message>
</context>
<context>
    <name>QFileSystemModel</name>
    <message>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Kích thước</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Date Modified</source>
        <translation>Ngày sửa</translation>
    </message>
    <message>
        <source>My Computer</source>
        <translation>Máy tính của tôi</translation>
    </message>
    <message>
        <source>Computer</source>
        <translation>Máy tính</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Mở</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Có</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Không</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Áp dụng</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Bỏ</translation>
    </message>
</context>
<context>
    <name>ResultsView</name>
    <message>
        <source>Confusion matrix</source>
        <translation>Ma trận nhầm lẫn</translation>
    </message>
    <message>
        <source>predicted</source>
        <translation>dự đoán</translation>
    </message>
    <message>
        <source>true</source>
        <translation>thực tế</translation>
    </message>
    <message>
        <source>Accuracy per class</source>
        <translation>Độ chính xác theo từng lớp</translation>
    </message>
    <message>
        <source>Misclassified test images; click one to load it into the Draw tab.</source>
        <translation>Các ảnh kiểm tra bị nhận sai; bấm vào một ảnh để mở nó ở thẻ Vẽ.</translation>
    </message>
    <message>
        <source>Misclassified test images</source>
        <translation>Các ảnh kiểm tra bị nhận sai</translation>
    </message>
    <message>
        <source>Results appear here when a run ends: the test accuracy, the confusion matrix (which digit was taken for which), the accuracy per class and the misclassified test images.</source>
        <translation>Kết quả hiện ở đây khi một lượt huấn luyện kết thúc: độ chính xác kiểm tra, ma trận nhầm lẫn (chữ số nào bị nhận nhầm thành chữ số nào), độ chính xác theo từng lớp và các ảnh kiểm tra bị nhận sai.</translation>
    </message>
    <message>
        <source>The run ended before it could be evaluated.</source>
        <translation>Lượt chạy đã kết thúc trước khi kịp đánh giá.</translation>
    </message>
    <message>
        <source>stopped at epoch {epoch}, batch {done} of {batches}</source>
        <translation>dừng ở epoch {epoch}, batch {done} trên {batches}</translation>
    </message>
    <message>
        <source>stopped after epoch {epoch}</source>
        <translation>dừng sau epoch {epoch}</translation>
    </message>
    <message numerus="yes">
        <source>after %n epoch(s)</source>
        <translation>
            <numerusform>sau %n epoch</numerusform>
        </translation>
    </message>
    <message>
        <source>Test accuracy &lt;b&gt;{accuracy}&lt;/b&gt; on {images} images, {when}, {seconds} s on {device}; {mistakes} mistakes.</source>
        <translation>Độ chính xác kiểm tra &lt;b&gt;{accuracy}&lt;/b&gt; trên {images} ảnh, {when}, {seconds} giây trên {device}; {mistakes} lỗi.</translation>
    </message>
    <message>
        <source>Classes: {names}.</source>
        <translation>Các lớp: {names}.</translation>
    </message>
    <message>
        <source>Test image {index}: true {true}, predicted {said} ({share})</source>
        <translation>Ảnh kiểm tra {index}: thực tế {true}, dự đoán {said} ({share})</translation>
    </message>
    <message>
        <source>Misclassified test images (true→predicted), first {count}; click one to try it in the Draw tab</source>
        <translation>Các ảnh kiểm tra bị nhận sai (thực tế→dự đoán), {count} ảnh đầu; bấm vào một ảnh để thử ở thẻ Vẽ</translation>
    </message>
    <message>
        <source>Misclassified test images (true→predicted); click one to try it in the Draw tab</source>
        <translation>Các ảnh kiểm tra bị nhận sai (thực tế→dự đoán); bấm vào một ảnh để thử ở thẻ Vẽ</translation>
    </message>
    <message>
        <source>Enlarge the window to see the counts in the cells.</source>
        <translation>Phóng to cửa sổ để thấy số đếm trong các ô.</translation>
    </message>
</context>
<context>
    <name>RunPanel</name>
    <message>
        <source>Run</source>
        <translation>Chạy</translation>
    </message>
    <message>
        <source>Start training</source>
        <translation>Bắt đầu huấn luyện</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Dừng</translation>
    </message>
    <message>
        <source>Finish the current batch and keep the model trained so far.</source>
        <translation>Chạy xong batch hiện tại và giữ mô hình đã huấn luyện tới lúc đó.</translation>
    </message>
    <message>
        <source>Fine-tune on my samples</source>
        <translation>Tinh chỉnh trên mẫu của tôi</translation>
    </message>
    <message>
        <source>Study...</source>
        <translation>Thí nghiệm...</translation>
    </message>
    <message>
        <source>Train the form&apos;s network several ways, one after another, on a subset for a few epochs, then compare the runs.</source>
        <translation>Huấn luyện mạng trong biểu mẫu theo vài cách, lần lượt từng cách, trên một tập con trong vài epoch, rồi so sánh các lượt chạy.</translation>
    </message>
    <message>
        <source>Compare the five optimizers</source>
        <translation>So sánh năm thuật toán tối ưu</translation>
    </message>
    <message>
        <source>Sweep the learning rate</source>
        <translation>Quét tốc độ học</translation>
    </message>
    <message>
        <source>Not running.</source>
        <translation>Chưa chạy.</translation>
    </message>
    <message>
        <source>Fine-tune on my samples ({count})</source>
        <translation>Tinh chỉnh trên mẫu của tôi ({count})</translation>
    </message>
    <message>
        <source>Start from the model in use in the Draw tab and train a few epochs on your saved samples mixed with MNIST (the data file above).</source>
        <translation>Bắt đầu từ mô hình đang dùng ở thẻ Vẽ và huấn luyện vài epoch trên các mẫu bạn đã lưu, trộn với MNIST (tệp dữ liệu ở trên).</translation>
    </message>
    <message>
        <source>Save at least 10 samples in the Draw tab first.</source>
        <translation>Hãy lưu ít nhất 10 mẫu ở thẻ Vẽ trước.</translation>
    </message>
</context>
<context>
    <name>RunsView</name>
    <message>
        <source>Started</source>
        <translation>Bắt đầu lúc</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Kết cục</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Mô hình</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>Tập dữ liệu</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>Thuật toán tối ưu</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Tốc độ học</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>Số epoch</translation>
    </message>
    <message>
        <source>Test accuracy</source>
        <translation>Độ chính xác kiểm tra</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Thiết bị</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>hoàn tất</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>đã dừng</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>thất bại</translation>
    </message>
    <message>
        <source>abandoned at quit</source>
        <translation>bỏ dở khi thoát</translation>
    </message>
    <message>
        <source>damaged: {reason}</source>
        <translation>hỏng: {reason}</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>So sánh</translation>
    </message>
    <message>
        <source>Select 2 to 6 runs (Ctrl-click) to see their curves and settings side by side.</source>
        <translation>Chọn 2 đến 6 lượt chạy (Ctrl + bấm chuột) để xem đường cong và thiết lập của chúng cạnh nhau.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>Delete the selected runs from the history (saved models stay).</source>
        <translation>Xóa các lượt chạy đang chọn khỏi lịch sử (các mô hình đã lưu vẫn còn).</translation>
    </message>
    <message numerus="yes">
        <source>%Ln run(s), newest first; every run is kept here, saved or not.</source>
        <translation>
            <numerusform>%Ln lượt chạy, mới nhất ở trên; mọi lượt chạy đều được giữ ở đây, dù đã lưu mô hình hay chưa.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %Ln run(s) from the history? Saved models are kept.</source>
        <translation>
            <numerusform>Xóa %Ln lượt chạy khỏi lịch sử? Các mô hình đã lưu vẫn được giữ.</numerusform>
        </translation>
    </message>
    <message>
        <source>Runs appear here as they end.</source>
        <translation>Các lượt chạy sẽ hiện ở đây khi kết thúc.</translation>
    </message>
    <message>
        <source>Delete runs?</source>
        <translation>Xóa các lượt chạy?</translation>
    </message>
    <message>
        <source>Cannot delete</source>
        <translation>Không xóa được</translation>
    </message>
    <message>
        <source>The run {run} could not be deleted: {reason}.</source>
        <translation>Không xóa được lượt chạy {run}: {reason}.</translation>
    </message>
</context>
<context>
    <name>SamplesView</name>
    <message>
        <source>Right-click to relabel or delete; Delete removes the selection; a digit key relabels it.</source>
        <translation>Bấm chuột phải để gán lại nhãn hoặc xóa; phím Delete xóa phần đang chọn; một phím số gán lại nhãn cho nó.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>Relabel as {digit}</source>
        <translation>Gán lại nhãn thành {digit}</translation>
    </message>
    <message>
        <source>Export .npz...</source>
        <translation>Xuất .npz...</translation>
    </message>
    <message>
        <source>Import .npz...</source>
        <translation>Nhập .npz...</translation>
    </message>
    <message>
        <source>Save samples from the Draw tab: draw a digit, then press its key (0-9) or click its button. Fine-tune on them in the Train tab.</source>
        <translation>Lưu mẫu từ thẻ Vẽ: vẽ một chữ số, rồi nhấn phím số đó (0-9) hoặc bấm nút của nó. Tinh chỉnh mô hình trên các mẫu ở thẻ Huấn luyện.</translation>
    </message>
    <message>
        <source>{digit} (damaged)</source>
        <translation>{digit} (hỏng)</translation>
    </message>
    <message>
        <source>It is left out of training; select it and press Delete to remove it.</source>
        <translation>Mẫu này bị bỏ ra khỏi huấn luyện; chọn nó rồi nhấn Delete để xóa.</translation>
    </message>
    <message>
        <source>Samples per digit:</source>
        <translation>Số mẫu theo chữ số:</translation>
    </message>
    <message>
        <source>{count} in all</source>
        <translation>tổng cộng {count}</translation>
    </message>
    <message numerus="yes">
        <source>Personal reading: the Draw tab reads with %n of your samples, at once, without training (the newest 50 of each digit at most). Fine-tuning in the Train tab is for many samples: it trains the network on all of them.</source>
        <translation>
            <numerusform>Đọc theo mẫu: thẻ Vẽ đọc theo %n mẫu của bạn, có tác dụng ngay, không cần huấn luyện (tối đa 50 mẫu mới nhất của mỗi chữ số). Tinh chỉnh ở thẻ Huấn luyện dành cho khi có nhiều mẫu: nó huấn luyện mạng trên tất cả các mẫu.</numerusform>
        </translation>
    </message>
    <message>
        <source>Personal reading is off (View &gt; Read with my samples): your samples are used only when you fine-tune on them in the Train tab.</source>
        <translation>Đọc theo mẫu đang tắt (Xem &gt; Đọc theo mẫu của tôi): các mẫu của bạn chỉ được dùng khi bạn tinh chỉnh trên chúng ở thẻ Huấn luyện.</translation>
    </message>
    <message>
        <source>The model in use cannot read with samples (its light-runtime copy has no features): your samples are used only when you fine-tune on them in the Train tab.</source>
        <translation>Mô hình đang dùng không đọc theo mẫu được (bản chạy nhẹ của nó không có đặc trưng): các mẫu của bạn chỉ được dùng khi bạn tinh chỉnh trên chúng ở thẻ Huấn luyện.</translation>
    </message>
    <message>
        <source>1 of your samples is damaged and left out of training; the Samples tab marks it for deletion.</source>
        <translation>Có 1 mẫu của bạn bị hỏng và bị bỏ ra khỏi huấn luyện; thẻ Mẫu đánh dấu nó để xóa.</translation>
    </message>
    <message>
        <source>{count} of your samples are damaged and left out of training; the Samples tab marks them for deletion.</source>
        <translation>Có {count} mẫu của bạn bị hỏng và bị bỏ ra khỏi huấn luyện; thẻ Mẫu đánh dấu chúng để xóa.</translation>
    </message>
    <message numerus="yes">
        <source>Relabelled %Ln sample(s) as {digit}.</source>
        <translation>
            <numerusform>Đã gán lại nhãn {digit} cho %Ln mẫu.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %Ln sample(s).</source>
        <translation>
            <numerusform>Đã xóa %Ln mẫu.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln sample(s) to {path}.</source>
        <translation>
            <numerusform>Đã xuất %Ln mẫu vào {path}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %Ln sample(s) from {path}.</source>
        <translation>
            <numerusform>Đã nhập %Ln mẫu từ {path}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete samples?</source>
        <translation>Xóa các mẫu?</translation>
    </message>
    <message>
        <source>Delete {count} of your samples? This cannot be undone.</source>
        <translation>Xóa {count} mẫu của bạn? Không thể hoàn tác.</translation>
    </message>
    <message>
        <source>Relabel as</source>
        <translation>Gán lại nhãn thành</translation>
    </message>
    <message>
        <source>Cannot export</source>
        <translation>Không xuất được</translation>
    </message>
    <message>
        <source>Could not write {path}: {reason}</source>
        <translation>Không ghi được {path}: {reason}</translation>
    </message>
    <message>
        <source>Importing samples from {path}...</source>
        <translation>Đang nhập mẫu từ {path}...</translation>
    </message>
    <message>
        <source>Cannot import</source>
        <translation>Không nhập được</translation>
    </message>
    <message>
        <source>Export samples</source>
        <translation>Xuất các mẫu</translation>
    </message>
    <message>
        <source>Keras datasets (*.npz)</source>
        <translation>Tập dữ liệu Keras (*.npz)</translation>
    </message>
    <message>
        <source>Import samples</source>
        <translation>Nhập mẫu</translation>
    </message>
</context>
<context>
    <name>SaveRow</name>
    <message>
        <source>name for the trained model</source>
        <translation>tên cho mô hình vừa huấn luyện</translation>
    </message>
    <message>
        <source>The name the trained model is saved under in the model library.</source>
        <translation>Tên dùng để lưu mô hình vừa huấn luyện vào thư viện mô hình.</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Save and use</source>
        <translation>Lưu và dùng</translation>
    </message>
    <message>
        <source>This model reads other things than digits; the Draw tab reads digits. Save it to keep it.</source>
        <translation>Mô hình này đọc những thứ khác chữ số; thẻ Vẽ chỉ đọc chữ số. Hãy lưu để giữ nó lại.</translation>
    </message>
    <message>
        <source>Saved as “{name}” (see Models).</source>
        <translation>Đã lưu thành “{name}” (xem thẻ Mô hình).</translation>
    </message>
</context>
<context>
    <name>TrainForm</name>
    <message>
        <source>under a minute</source>
        <translation>dưới một phút</translation>
    </message>
    <message>
        <source>about {minutes} min</source>
        <translation>khoảng {minutes} phút</translation>
    </message>
    <message>
        <source>about {hours} h {minutes} min</source>
        <translation>khoảng {hours} giờ {minutes} phút</translation>
    </message>
    <message>
        <source>MNIST + my samples</source>
        <translation>MNIST + mẫu của tôi</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>Tập dữ liệu</translation>
    </message>
    <message>
        <source>Keras cache, else download</source>
        <translation>bộ đệm của Keras, nếu không thì tải về</translation>
    </message>
    <message>
        <source>A Keras-layout .npz (x_train, y_train, x_test, y_test) or a folder of the four IDX files. Empty: the Keras cache, a system copy, or Keras&apos; download. MNIST and Fashion-MNIST each keep their own file here.</source>
        <translation>Một tệp .npz theo bố cục của Keras (x_train, y_train, x_test, y_test) hoặc một thư mục chứa bốn tệp IDX. Để trống: dùng bộ đệm của Keras, bản có sẵn trên hệ thống, hoặc tải về qua Keras. MNIST và Fashion-MNIST mỗi bộ giữ tệp riêng của mình ở đây.</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>Chọn...</translation>
    </message>
    <message>
        <source>A .npz file...</source>
        <translation>Một tệp .npz...</translation>
    </message>
    <message>
        <source>A folder of IDX files...</source>
        <translation>Một thư mục tệp IDX...</translation>
    </message>
    <message>
        <source>Data file</source>
        <translation>Tệp dữ liệu</translation>
    </message>
    <message>
        <source>The pen handwriting files (unipen-dev.npz, pendigits-train.npz) for &quot;MNIST + real pen handwriting&quot;, separated by &quot;;&quot;. Empty: unipen-dev.npz in the Keras cache folder.</source>
        <translation>Các tệp chữ viết tay bằng bút (unipen-dev.npz, pendigits-train.npz) cho &quot;MNIST + chữ viết tay thật bằng bút&quot;, cách nhau bởi &quot;;&quot;. Để trống: unipen-dev.npz trong thư mục bộ đệm của Keras.</translation>
    </message>
    <message>
        <source>Pen data</source>
        <translation>Dữ liệu bút</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Mô hình</translation>
    </message>
    <message>
        <source>Keras code...</source>
        <translation>Mã Keras...</translation>
    </message>
    <message>
        <source>This form&apos;s network and settings as plain Keras code, for a notebook (once TensorFlow has loaded).</source>
        <translation>Mạng và các thiết lập của biểu mẫu này, viết thành mã Keras thuần để dùng trong notebook (sau khi TensorFlow đã nạp xong).</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>Thuật toán tối ưu</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Tốc độ học</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>Số epoch</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Kích thước batch</translation>
    </message>
    <message>
        <source>The share of the training images kept apart to validate each epoch.</source>
        <translation>Tỉ lệ ảnh huấn luyện được để riêng để kiểm định sau mỗi epoch.</translation>
    </message>
    <message>
        <source>all</source>
        <translation>tất cả</translation>
    </message>
    <message>
        <source>Train on this many images only, for a quick run.</source>
        <translation>Chỉ huấn luyện trên chừng này ảnh, để chạy nhanh.</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>Kiểm định</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Số ảnh</translation>
    </message>
    <message>
        <source>Shifts, rotations, zoom, stroke width</source>
        <translation>Dịch, xoay, phóng to, độ dày nét</translation>
    </message>
    <message>
        <source>Random shifts, rotations, zoom and stroke width: slower, but reads mouse-drawn digits better.</source>
        <translation>Dịch, xoay, phóng to và đổi độ dày nét ngẫu nhiên: chậm hơn, nhưng đọc chữ số vẽ bằng chuột tốt hơn.</translation>
    </message>
    <message>
        <source>Augmentation</source>
        <translation>Tăng cường dữ liệu</translation>
    </message>
    <message>
        <source>Automatic (GPU if any)</source>
        <translation>Tự động (GPU nếu có)</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>Mixed precision</source>
        <translation>Độ chính xác hỗn hợp</translation>
    </message>
    <message>
        <source>float16 compute with float32 weights: faster on recent GPUs (GPU only).</source>
        <translation>Tính bằng float16, trọng số giữ float32: nhanh hơn trên các GPU đời mới (chỉ với GPU).</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Thiết bị</translation>
    </message>
    <message>
        <source>Choose a dataset file</source>
        <translation>Chọn một tệp dữ liệu</translation>
    </message>
    <message>
        <source>Keras datasets (*.npz)</source>
        <translation>Tập dữ liệu Keras (*.npz)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Mọi tệp (*)</translation>
    </message>
    <message>
        <source>Choose a folder with the four IDX files</source>
        <translation>Chọn một thư mục chứa bốn tệp IDX</translation>
    </message>
    <message>
        <source>Choose the pen handwriting files</source>
        <translation>Chọn các tệp chữ viết tay bằng bút</translation>
    </message>
    <message>
        <source>Pen data (*.npz)</source>
        <translation>Dữ liệu bút (*.npz)</translation>
    </message>
    <message numerus="yes">
        <source>Expected: {duration} (%n epoch(s) of {images} images on the GPU, {basis}).</source>
        <translation>
            <numerusform>Dự kiến: {duration} (%n epoch, mỗi epoch {images} ảnh, trên GPU, {basis}).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Expected: {duration} (%n epoch(s) of {images} images on the CPU, {basis}).</source>
        <translation>
            <numerusform>Dự kiến: {duration} (%n epoch, mỗi epoch {images} ảnh, trên CPU, {basis}).</numerusform>
        </translation>
    </message>
    <message>
        <source>as fast as your last run</source>
        <translation>nhanh như lượt chạy trước của bạn</translation>
    </message>
    <message>
        <source>measured on a 2-core laptop</source>
        <translation>đo trên một máy xách tay 2 nhân</translation>
    </message>
    <message>
        <source>{count} parameters</source>
        <translation>{count} tham số</translation>
    </message>
    <message>
        <source>All {count} GPUs (MirroredStrategy)</source>
        <translation>Cả {count} GPU (MirroredStrategy)</translation>
    </message>
    <message>
        <source>The learning rate “{text}” is not a number.</source>
        <translation>Tốc độ học “{text}” không phải là một số.</translation>
    </message>
    <message>
        <source>The data file {path} does not exist.</source>
        <translation>Tệp dữ liệu {path} không tồn tại.</translation>
    </message>
    <message>
        <source>The pen data file {path} does not exist.</source>
        <translation>Tệp dữ liệu bút {path} không tồn tại.</translation>
    </message>
    <message>
        <source>You have no saved samples yet: save some in the Draw tab, or choose MNIST.</source>
        <translation>Bạn chưa lưu mẫu nào: hãy lưu vài mẫu ở thẻ Vẽ, hoặc chọn MNIST.</translation>
    </message>
</context>
<context>
    <name>TrainTab</name>
    <message>
        <source>Curves</source>
        <translation>Đường cong</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Mô hình</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Các lượt chạy</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>So sánh</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Nhật ký</translation>
    </message>
    <message>
        <source>Not running.</source>
        <translation>Chưa chạy.</translation>
    </message>
    <message>
        <source>Cannot write the code</source>
        <translation>Không viết được mã</translation>
    </message>
    <message numerus="yes">
        <source>Starting: {preset} on {dataset}, {optimizer} lr {rate}, %n epoch(s) of batch {batch}, augmented.</source>
        <translation>
            <numerusform>Bắt đầu: {preset} trên {dataset}, {optimizer} tốc độ học {rate}, %n epoch với batch {batch}, có tăng cường dữ liệu.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Starting: {preset} on {dataset}, {optimizer} lr {rate}, %n epoch(s) of batch {batch}.</source>
        <translation>
            <numerusform>Bắt đầu: {preset} trên {dataset}, {optimizer} tốc độ học {rate}, %n epoch với batch {batch}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Study: {preset} with {what}, %n epoch(s) on {images} images each.</source>
        <translation>
            <numerusform>Thí nghiệm: {preset} với {what}, %n epoch trên {images} ảnh mỗi lượt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopping...</source>
        <translation>Đang dừng...</translation>
    </message>
    <message>
        <source>Stopping: finishing the current batch...</source>
        <translation>Đang dừng: chạy nốt batch hiện tại...</translation>
    </message>
    <message numerus="yes">
        <source>Stopped after %n epoch(s): test accuracy {accuracy}.</source>
        <translation>
            <numerusform>Dừng sau %n epoch: độ chính xác kiểm tra {accuracy}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Finished after %n epoch(s): test accuracy {accuracy}.</source>
        <translation>
            <numerusform>Hoàn tất sau %n epoch: độ chính xác kiểm tra {accuracy}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Study over: {done} of %n run(s); see the Compare tab.</source>
        <translation>
            <numerusform>Thí nghiệm xong: {done} trên %n lượt chạy; xem thẻ So sánh.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot study</source>
        <translation>Không chạy được thí nghiệm</translation>
    </message>
    <message>
        <source>A study runs on one of the datasets; choose MNIST or another.</source>
        <translation>Thí nghiệm chạy trên một trong các tập dữ liệu; hãy chọn MNIST hoặc tập khác.</translation>
    </message>
    <message>
        <source>the five optimizers</source>
        <translation>năm thuật toán tối ưu</translation>
    </message>
    <message>
        <source>{optimizer} at {rates}</source>
        <translation>{optimizer} với tốc độ học {rates}</translation>
    </message>
    <message>
        <source>Fine-tuning {model} on {count} samples of yours mixed with MNIST ({epochs} epochs, Adam lr {rate}, augmented).</source>
        <translation>Đang tinh chỉnh {model} trên {count} mẫu của bạn trộn với MNIST ({epochs} epoch, Adam tốc độ học {rate}, có tăng cường dữ liệu).</translation>
    </message>
    <message>
        <source>Discard the trained model?</source>
        <translation>Bỏ mô hình vừa huấn luyện?</translation>
    </message>
    <message>
        <source>The model from the last run is not saved. A new run discards it.</source>
        <translation>Mô hình của lượt chạy trước chưa được lưu. Một lượt chạy mới sẽ bỏ nó.</translation>
    </message>
    <message>
        <source>Discard and start</source>
        <translation>Bỏ và bắt đầu</translation>
    </message>
    <message>
        <source>Loading the data and building the model...</source>
        <translation>Đang nạp dữ liệu và dựng mô hình...</translation>
    </message>
    <message>
        <source>Stop requested: finishing the current batch.</source>
        <translation>Đã yêu cầu dừng: đang chạy nốt batch hiện tại.</translation>
    </message>
    <message>
        <source>Study run {n} of {runs}: {optimizer}, learning rate {rate}.</source>
        <translation>Lượt thí nghiệm {n} trên {runs}: {optimizer}, tốc độ học {rate}.</translation>
    </message>
    <message>
        <source>Training on {images} images ({validation} for validation) on {device}.</source>
        <translation>Huấn luyện trên {images} ảnh ({validation} ảnh để kiểm định) trên {device}.</translation>
    </message>
    <message>
        <source>Epoch {epoch}/{epochs} · batch {batch}/{batches} · loss {loss} · accuracy {accuracy} · {speed} images/s · {eta} left</source>
        <translation>Epoch {epoch}/{epochs} · batch {batch}/{batches} · mất mát {loss} · độ chính xác {accuracy} · {speed} ảnh/giây · còn {eta}</translation>
    </message>
    <message>
        <source>Epoch {epoch}/{epochs}: loss {loss} accuracy {accuracy} ({seconds} s).</source>
        <translation>Epoch {epoch}/{epochs}: mất mát {loss}, độ chính xác {accuracy} ({seconds} giây).</translation>
    </message>
    <message>
        <source>Epoch {epoch}/{epochs}: loss {loss} accuracy {accuracy}, validation loss {val_loss} accuracy {val_accuracy} ({seconds} s).</source>
        <translation>Epoch {epoch}/{epochs}: mất mát {loss}, độ chính xác {accuracy}; trên tập kiểm định: mất mát {val_loss}, độ chính xác {val_accuracy} ({seconds} giây).</translation>
    </message>
    <message>
        <source>The run could not be kept in the history: {reason}</source>
        <translation>Không lưu được lượt chạy vào lịch sử: {reason}</translation>
    </message>
    <message>
        <source>Stopped at epoch {epoch}, batch {done} of {batches}: test accuracy {accuracy}.</source>
        <translation>Dừng ở epoch {epoch}, batch {done} trên {batches}: độ chính xác kiểm tra {accuracy}.</translation>
    </message>
    <message>
        <source>Done in {duration}.</source>
        <translation>Xong trong {duration}.</translation>
    </message>
    <message>
        <source>Training finished; save the model to keep it.</source>
        <translation>Huấn luyện xong; hãy lưu mô hình để giữ lại.</translation>
    </message>
    <message>
        <source>Fine-tuned: {summary}.</source>
        <translation>Đã tinh chỉnh: {summary}.</translation>
    </message>
    <message>
        <source>Failed: {message}</source>
        <translation>Thất bại: {message}</translation>
    </message>
    <message>
        <source>Training failed</source>
        <translation>Huấn luyện thất bại</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Dừng</translation>
    </message>
    <message>
        <source>Saving “{name}”...</source>
        <translation>Đang lưu “{name}”...</translation>
    </message>
    <message>
        <source>Saved {path}.</source>
        <translation>Đã lưu {path}.</translation>
    </message>
    <message>
        <source>Saved {name}.</source>
        <translation>Đã lưu {name}.</translation>
    </message>
    <message>
        <source>Not saved: {message}</source>
        <translation>Chưa lưu: {message}</translation>
    </message>
    <message>
        <source>Cannot save the model</source>
        <translation>Không lưu được mô hình</translation>
    </message>
    <message>
        <source>Stopping: measuring the last epoch on the validation images (batch {done} of {total})...</source>
        <translation>Đang dừng: đo epoch cuối trên ảnh kiểm định (batch {done}/{total})...</translation>
    </message>
    <message>
        <source>Stopping: measuring on the test set ({done} of {total} images)...</source>
        <translation>Đang dừng: đo trên tập kiểm tra ({done}/{total} ảnh)...</translation>
    </message>
    <message>
        <source>Finishing: measuring on the test set ({done} of {total} images)...</source>
        <translation>Sắp xong: đo trên tập kiểm tra ({done}/{total} ảnh)...</translation>
    </message>
    <message>
        <source>Stopping: measuring on your samples and the held-out pen digits...</source>
        <translation>Đang dừng: đo trên các mẫu của bạn và các chữ số viết bút để riêng...</translation>
    </message>
    <message>
        <source>Finishing: measuring on your samples and the held-out pen digits...</source>
        <translation>Sắp xong: đo trên các mẫu của bạn và các chữ số viết bút để riêng...</translation>
    </message>
</context>
<context>
    <name>TrainingCurves</name>
    <message>
        <source>epoch</source>
        <translation>epoch</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>hàm mất mát</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>độ chính xác</translation>
    </message>
    <message>
        <source>training</source>
        <translation>huấn luyện</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>kiểm định</translation>
    </message>
</context>
<context>
    <name>training</name>
    <message>
        <source>The weight must be between 0 and 1, not {weight}.</source>
        <translation>Trọng số phải nằm trong khoảng từ 0 đến 1, không phải {weight}.</translation>
    </message>
    <message>
        <source>{path} cannot say &quot;not a digit&quot;; pair the trajectory network with an 11-class model.</source>
        <translation>{path} không thể nói &quot;không phải chữ số&quot;; hãy ghép mạng đường đi với một mô hình 11 lớp.</translation>
    </message>
    <message>
        <source>{given} has no file name; give one, such as my-model.keras.</source>
        <translation>{given} không có tên tệp; hãy đặt một tên, ví dụ my-model.keras.</translation>
    </message>
    <message>
        <source>{model} answers {classes} classes, but {name} has {count} (with &quot;not a digit&quot;); evaluate it on mnist.</source>
        <translation>{model} trả lời {classes} lớp, nhưng {name} có {count} lớp (kể cả &quot;không phải chữ số&quot;); hãy đánh giá nó trên mnist.</translation>
    </message>
    <message>
        <source>No model given and no shipped model found; pass --model FILE.</source>
        <translation>Chưa chỉ định mô hình và không tìm thấy mô hình có sẵn; hãy dùng --model TỆP.</translation>
    </message>
    <message>
        <source>{what_happened}. Put a folder with the four IDX files at {target}, or choose the file yourself.</source>
        <translation>{what_happened}. Hãy đặt một thư mục chứa bốn tệp IDX ở {target}, hoặc tự chọn tệp.</translation>
    </message>
    <message>
        <source>{title} could not be downloaded ({error})</source>
        <translation>Không tải được {title} ({error})</translation>
    </message>
    <message>
        <source>{what_happened}. Put a Keras-layout mnist.npz at {target}, or choose the file yourself.</source>
        <translation>{what_happened}. Hãy đặt một tệp mnist.npz theo bố cục Keras ở {target}, hoặc tự chọn tệp.</translation>
    </message>
    <message>
        <source>{title} is not on this computer yet, and it could not be downloaded: the download server cannot be reached (no internet connection?)</source>
        <translation>{title} chưa có trên máy tính này, và không tải về được: không kết nối được tới máy chủ tải về (chưa có mạng internet?)</translation>
    </message>
    <message>
        <source>{title} could not be downloaded: the server refused the request</source>
        <translation>Không tải được {title}: máy chủ từ chối yêu cầu</translation>
    </message>
    <message>
        <source>{path} lacks {names}: a Keras-layout .npz holds x_train, y_train, x_test and y_test.</source>
        <translation>{path} thiếu {names}: một tệp .npz theo bố cục Keras chứa x_train, y_train, x_test và y_test.</translation>
    </message>
    <message>
        <source>{path} is truncated or padded: its header promises {expected} bytes of data for shape {shape}, it holds {count}{value}.</source>
        <translation>{path} bị cắt cụt hoặc thừa dữ liệu: phần đầu tệp hứa {expected} byte dữ liệu cho kích thước {shape}, nhưng tệp chứa {count}{value}.</translation>
    </message>
    <message>
        <source>{source}: the training split has no image of class {names}; every class needs examples.</source>
        <translation>{source}: phần huấn luyện không có ảnh nào của lớp {names}; lớp nào cũng cần có ví dụ.</translation>
    </message>
    <message>
        <source>Unknown dataset {name}; choose one of: {known}.</source>
        <translation>Không biết tập dữ liệu {name}; hãy chọn một trong: {known}.</translation>
    </message>
    <message>
        <source>{path} is neither a .npz file nor a folder of IDX files.</source>
        <translation>{path} không phải tệp .npz cũng không phải thư mục tệp IDX.</translation>
    </message>
    <message>
        <source>{path} is not a readable .npz file (it is not a zip archive).</source>
        <translation>{path} không phải tệp .npz đọc được (nó không phải tệp nén zip).</translation>
    </message>
    <message>
        <source>{path} holds arrays too large for this computer&apos;s memory.</source>
        <translation>{path} chứa các mảng quá lớn so với bộ nhớ của máy tính này.</translation>
    </message>
    <message>
        <source>{path} is damaged: its compressed data cannot be unpacked.</source>
        <translation>{path} bị hỏng: không giải nén được dữ liệu bên trong.</translation>
    </message>
    <message>
        <source>{path} cannot be read: permission denied.</source>
        <translation>Không đọc được {path}: không có quyền truy cập.</translation>
    </message>
    <message>
        <source>{path} is not a readable .npz file ({reason}).</source>
        <translation>{path} không phải tệp .npz đọc được ({reason}).</translation>
    </message>
    <message>
        <source>{folder} lacks {stem}(.gz): an IDX folder holds {names}, each raw or gzipped.</source>
        <translation>{folder} thiếu {stem}(.gz): một thư mục IDX chứa {names}, mỗi tệp để nguyên hoặc nén gzip.</translation>
    </message>
    <message>
        <source>{path} cannot be read ({reason}).</source>
        <translation>Không đọc được {path} ({reason}).</translation>
    </message>
    <message>
        <source>{source} is {other}, not {name}: choose the {name} file, or leave the data file empty to use the usual places.</source>
        <translation>{source} là {other}, không phải {name}: hãy chọn tệp {name}, hoặc để trống ô tệp dữ liệu để dùng các chỗ quen thuộc.</translation>
    </message>
    <message>
        <source>{source}: x_{split} has shape {shape}; expected (N, 28, 28) images.</source>
        <translation>{source}: x_{split} có kích thước {shape}; cần các ảnh (N, 28, 28).</translation>
    </message>
    <message>
        <source>{source}: x_{split} holds {dtype}; expected uint8 pixels 0-255.</source>
        <translation>{source}: x_{split} chứa kiểu {dtype}; cần điểm ảnh uint8 từ 0 đến 255.</translation>
    </message>
    <message>
        <source>{source}: y_{split} has shape {shape} and type {dtype}; expected one integer label per image.</source>
        <translation>{source}: y_{split} có kích thước {shape} và kiểu {dtype}; cần một nhãn số nguyên cho mỗi ảnh.</translation>
    </message>
    <message>
        <source>{source}: x_{split} has {count} images but y_{split} has {count2} labels.</source>
        <translation>{source}: x_{split} có {count} ảnh nhưng y_{split} có {count2} nhãn.</translation>
    </message>
    <message>
        <source>{source}: the {split} split is empty.</source>
        <translation>{source}: phần {split} trống.</translation>
    </message>
    <message>
        <source>{source}: y_{split} has labels from {min} to {max}; expected 0 to {value}.</source>
        <translation>{source}: y_{split} có nhãn từ {min} đến {max}; cần từ 0 đến {value}.</translation>
    </message>
    <message>
        <source>No local copy was found</source>
        <translation>Không tìm thấy bản nào trên máy</translation>
    </message>
    <message>
        <source>{path} is a damaged or truncated .npz file (its zip directory is missing).</source>
        <translation>{path} là tệp .npz bị hỏng hoặc bị cắt cụt (thiếu mục lục zip).</translation>
    </message>
    <message>
        <source>{path} is a single gzip file; choose the folder that holds the four IDX files.</source>
        <translation>{path} chỉ là một tệp gzip; hãy chọn thư mục chứa cả bốn tệp IDX.</translation>
    </message>
    <message>
        <source>{path}: {key} holds Python objects, which are never loaded.</source>
        <translation>{path}: {key} chứa đối tượng Python, loại dữ liệu không bao giờ được nạp.</translation>
    </message>
    <message>
        <source>{path}: {key} declares {shape} {dtype} ({declared} bytes) but holds only {file_size} bytes; the file is damaged.</source>
        <translation>{path}: {key} khai báo {shape} {dtype} ({declared} byte) nhưng chỉ chứa {file_size} byte; tệp bị hỏng.</translation>
    </message>
    <message>
        <source>{path} is not an IDX file of unsigned bytes.</source>
        <translation>{path} không phải tệp IDX gồm các byte không dấu.</translation>
    </message>
    <message>
        <source>{path} has {ndim} dimensions; expected 1 (labels) or 3 (images).</source>
        <translation>{path} có {ndim} chiều; cần 1 (nhãn) hoặc 3 (ảnh).</translation>
    </message>
    <message>
        <source>{path} is truncated inside its header.</source>
        <translation>{path} bị cắt cụt ngay trong phần đầu tệp.</translation>
    </message>
    <message>
        <source>{path} declares shape {shape} ({expected} bytes), more than any dataset this app reads; the file is damaged.</source>
        <translation>{path} khai báo kích thước {shape} ({expected} byte), lớn hơn mọi tập dữ liệu ứng dụng này đọc; tệp bị hỏng.</translation>
    </message>
    <message>
        <source>{held_out}; MNIST test accuracy after: {accuracy}</source>
        <translation>{held_out}; độ chính xác kiểm tra MNIST sau đó: {accuracy}</translation>
    </message>
    <message>
        <source>Fine-tuning needs at least 10 saved samples; you have {count}.</source>
        <translation>Tinh chỉnh cần ít nhất 10 mẫu đã lưu; bạn có {count}.</translation>
    </message>
    <message>
        <source>your held-out samples: {before} before, {after} after ({count} drawings)</source>
        <translation>các mẫu để riêng của bạn: {before} trước, {after} sau ({count} hình vẽ)</translation>
    </message>
    <message>
        <source>none of your samples could be kept back to measure the gain (save at least two drawings of a digit)</source>
        <translation>không giữ lại được mẫu nào để đo mức cải thiện (hãy lưu ít nhất hai hình vẽ của một chữ số)</translation>
    </message>
    <message>
        <source>A model named {name} exists already; choose another name.</source>
        <translation>Đã có mô hình tên {name}; hãy chọn tên khác.</translation>
    </message>
    <message>
        <source>The shipped model cannot be deleted.</source>
        <translation>Không thể xóa mô hình có sẵn.</translation>
    </message>
    <message>
        <source>{path} is not in the model library.</source>
        <translation>{path} không nằm trong thư viện mô hình.</translation>
    </message>
    <message>
        <source>description does not match the file</source>
        <translation>phần mô tả không khớp với tệp</translation>
    </message>
    <message>
        <source>cannot be read: {reason}</source>
        <translation>không đọc được: {reason}</translation>
    </message>
    <message>
        <source>the LiteRT export wrote no file to {path}</source>
        <translation>bước xuất LiteRT không ghi được tệp nào vào {path}</translation>
    </message>
    <message>
        <source>{sidecar_path} describes another file; save the model again instead.</source>
        <translation>{sidecar_path} mô tả một tệp khác; hãy lưu lại mô hình.</translation>
    </message>
    <message>
        <source>{path} is not a single-input, single-output model.</source>
        <translation>{path} không phải mô hình một đầu vào, một đầu ra.</translation>
    </message>
    <message>
        <source>{path} expects inputs of shape {input_shape}, not 28x28 images.</source>
        <translation>{path} cần đầu vào kích thước {input_shape}, không phải ảnh 28x28.</translation>
    </message>
    <message>
        <source>{path} answers {classes} values, not 10 or 11 probabilities.</source>
        <translation>{path} trả về {classes} giá trị, không phải 10 hay 11 xác suất.</translation>
    </message>
    <message>
        <source>{path} answers NaN or infinity instead of probabilities.</source>
        <translation>{path} trả về NaN hoặc vô cực thay vì xác suất.</translation>
    </message>
    <message>
        <source>{path} is not a usable LiteRT model ({detail}).</source>
        <translation>{path} không phải mô hình LiteRT dùng được ({detail}).</translation>
    </message>
    <message>
        <source>{path} is not a model sidecar (expected a JSON object).</source>
        <translation>{path} không phải tệp mô tả mô hình (cần một đối tượng JSON).</translation>
    </message>
    <message>
        <source>{path}: model files end in .keras.</source>
        <translation>{path}: tệp mô hình phải có đuôi .keras.</translation>
    </message>
    <message>
        <source>{path} is a folder, not a model file.</source>
        <translation>{path} là một thư mục, không phải tệp mô hình.</translation>
    </message>
    <message>
        <source>{path}: no such model file.</source>
        <translation>{path}: không có tệp mô hình này.</translation>
    </message>
    <message>
        <source>{path} is in Keras&apos; older HDF5 format, which can run code stored in it when loaded, so it is not opened. In Keras, load it and save it again as a .keras file: keras.models.load_model(&quot;{name}&quot;).save(&quot;{stem}.keras&quot;).</source>
        <translation>{path} ở định dạng HDF5 cũ của Keras, loại tệp có thể chạy mã chứa bên trong khi được nạp, nên không được mở. Trong Keras, hãy nạp nó rồi lưu lại thành tệp .keras: keras.models.load_model(&quot;{name}&quot;).save(&quot;{stem}.keras&quot;).</translation>
    </message>
    <message>
        <source>{path} is not a Keras model file (a .keras archive).</source>
        <translation>{path} không phải tệp mô hình Keras (tệp nén .keras).</translation>
    </message>
    <message>
        <source>{path} was trained on images prepared another way (preprocessing version {version}; this app makes version {PREPROCESS_VERSION}); its answers would be wrong, so it is refused.</source>
        <translation>{path} được huấn luyện trên ảnh chuẩn bị theo cách khác (phiên bản tiền xử lý {version}; ứng dụng này dùng phiên bản {PREPROCESS_VERSION}); câu trả lời của nó sẽ sai, nên nó bị từ chối.</translation>
    </message>
    <message>
        <source>{path} would take {size} MB of memory; a digit model needs far less (the presets: under 5 MB), so anything over {limit} MB is not opened.</source>
        <translation>{path} sẽ chiếm {size} MB bộ nhớ; một mô hình chữ số cần ít hơn nhiều (các mẫu mạng có sẵn: dưới 5 MB), nên tệp nào quá {limit} MB sẽ không được mở.</translation>
    </message>
    <message>
        <source>{path} answers NaN or infinity instead of probabilities: its weights are damaged or its training diverged; retrain it.</source>
        <translation>{path} trả về NaN hoặc vô cực thay vì xác suất: trọng số bị hỏng hoặc quá trình huấn luyện đã phân kỳ; hãy huấn luyện lại.</translation>
    </message>
    <message>
        <source>{path} expects inputs of shape {in_shape}; a digit model takes 28x28 images.</source>
        <translation>{path} cần đầu vào kích thước {in_shape}; một mô hình chữ số nhận ảnh 28x28.</translation>
    </message>
    <message>
        <source>{path} has outputs of shape {out_shape}; a digit model answers 10 probabilities (or 11, with &quot;not a digit&quot;).</source>
        <translation>{path} có đầu ra kích thước {out_shape}; một mô hình chữ số trả về 10 xác suất (hoặc 11, kể cả &quot;không phải chữ số&quot;).</translation>
    </message>
    <message>
        <source>Could not save the model to {path}: {reason}.</source>
        <translation>Không lưu được mô hình vào {path}: {reason}.</translation>
    </message>
    <message>
        <source>{path} is a damaged .keras archive ({detail}).</source>
        <translation>{path} là một tệp .keras bị hỏng ({detail}).</translation>
    </message>
    <message>
        <source>{path} could not be loaded as a Keras model ({detail}).</source>
        <translation>Không nạp được {path} như một mô hình Keras ({detail}).</translation>
    </message>
    <message>
        <source>{path} was refused: it wraps a TensorFlow SavedModel (a TFSMLayer), whose code is not checked; only plain Keras layers are loaded.</source>
        <translation>{path} bị từ chối: nó bọc một TensorFlow SavedModel (TFSMLayer) có mã không được kiểm tra; chỉ các lớp Keras thông thường mới được nạp.</translation>
    </message>
    <message>
        <source>{path} was refused: it contains code (a Lambda layer) that safe mode will not run.</source>
        <translation>{path} bị từ chối: nó chứa mã (một lớp Lambda) mà chế độ an toàn sẽ không chạy.</translation>
    </message>
    <message>
        <source>{path} holds a {name} nested deeper than any model&apos;s; it is not opened.</source>
        <translation>{path} chứa tệp {name} lồng nhau sâu hơn mức của bất kỳ mô hình nào; mô hình không được mở.</translation>
    </message>
    <message>
        <source>The output file</source>
        <translation>Tệp đầu ra</translation>
    </message>
    <message>
        <source>{what} name is too long ({count} characters; at most {NAME_MAX} bytes).</source>
        <translation>Tên {what} quá dài ({count} ký tự; tối đa {NAME_MAX} byte).</translation>
    </message>
    <message>
        <source>{what} {path} is a folder; give a file name, such as {value}.</source>
        <translation>{what} {path} là một thư mục; hãy đặt tên tệp, ví dụ {value}.</translation>
    </message>
    <message>
        <source>{what} cannot be written: {folder} is not writable (permission denied).</source>
        <translation>Không ghi được {what}: không có quyền ghi vào {folder}.</translation>
    </message>
    <message>
        <source>{what} cannot be written in {folder} ({reason}).</source>
        <translation>Không ghi được {what} vào {folder} ({reason}).</translation>
    </message>
    <message>
        <source>{what} cannot be written: {parent} is a file, not a folder.</source>
        <translation>Không ghi được {what}: {parent} là một tệp, không phải thư mục.</translation>
    </message>
    <message>
        <source>The pen handwriting data ({file}, UNIPEN) was not found, and it cannot be downloaded automatically: choose the file yourself, or put it at {value}.</source>
        <translation>Không tìm thấy dữ liệu chữ viết tay bằng bút ({file}, UNIPEN), và dữ liệu này không tự tải về được: hãy tự chọn tệp, hoặc đặt nó ở {value}.</translation>
    </message>
    <message>
        <source>{path}: no such file.</source>
        <translation>{path}: không có tệp này.</translation>
    </message>
    <message>
        <source>{path} is not a .npz file (the pen data comes as {file}).</source>
        <translation>{path} không phải tệp .npz (dữ liệu bút có dạng {file}).</translation>
    </message>
    <message>
        <source>{path}: its arrays do not fit together; it is not a valid pen data file.</source>
        <translation>{path}: các mảng bên trong không khớp nhau; đây không phải tệp dữ liệu bút hợp lệ.</translation>
    </message>
    <message>
        <source>{path} is a folder, not an image.</source>
        <translation>{path} là một thư mục, không phải ảnh.</translation>
    </message>
    <message>
        <source>{path} is not a regular file.</source>
        <translation>{path} không phải một tệp thông thường.</translation>
    </message>
    <message>
        <source>{path} cannot be opened ({reason}).</source>
        <translation>Không mở được {path} ({reason}).</translation>
    </message>
    <message>
        <source>The trajectory network&apos;s file</source>
        <translation>Tệp của mạng quỹ đạo</translation>
    </message>
    <message>
        <source>No model file was given (the path is empty).</source>
        <translation>Chưa chỉ định tệp mô hình (đường dẫn trống).</translation>
    </message>
    <message>
        <source>{path}: no such file or folder.</source>
        <translation>{path}: không có tệp hay thư mục này.</translation>
    </message>
    <message>
        <source>{path} is a folder, not a file.</source>
        <translation>{path} là một thư mục, không phải tệp.</translation>
    </message>
    <message>
        <source>No file was given (the path is empty).</source>
        <translation>Chưa chỉ định tệp (đường dẫn trống).</translation>
    </message>
    <message>
        <source>{path} is not a regular file (a device, a pipe or a socket); choose a file.</source>
        <translation>{path} không phải tệp thông thường (mà là thiết bị, đường ống hoặc socket); hãy chọn một tệp.</translation>
    </message>
    <message>
        <source>{path} is not a valid file name.</source>
        <translation>{path} không phải tên tệp hợp lệ.</translation>
    </message>
    <message>
        <source>The path is too long ({count} characters) to be a file on this computer.</source>
        <translation>Đường dẫn quá dài ({count} ký tự) để là một tệp trên máy tính này.</translation>
    </message>
    <message>
        <source>{where} is {size} KB; a file the app keeps is at most {limit} KB, so it is not read.</source>
        <translation>{where} có dung lượng {size} KB; tệp mà ứng dụng lưu giữ tối đa chỉ {limit} KB, nên tệp này không được đọc.</translation>
    </message>
    <message>
        <source>{where} nests more than {limit} levels deep; the app&apos;s files nest a few, so it is not read.</source>
        <translation>{where} lồng nhau sâu hơn {limit} cấp; các tệp của ứng dụng chỉ lồng vài cấp, nên tệp này không được đọc.</translation>
    </message>
    <message>
        <source>{where} is damaged ({reason}).</source>
        <translation>{where} bị hỏng ({reason}).</translation>
    </message>
    <message>
        <source>{where} holds NaN or Infinity, which JSON does not allow.</source>
        <translation>{where} chứa NaN hoặc Infinity, là những giá trị JSON không cho phép.</translation>
    </message>
    <message>
        <source>{where} nests too deep to be read.</source>
        <translation>{where} lồng nhau quá sâu để đọc được.</translation>
    </message>
    <message>
        <source>{where} is not valid JSON ({reason}).</source>
        <translation>{where} không phải JSON hợp lệ ({reason}).</translation>
    </message>
    <message>
        <source>{where} is not text (UTF-8).</source>
        <translation>{where} không phải văn bản (UTF-8).</translation>
    </message>
    <message>
        <source>{path} holds a {size} MB {name}; a digit model&apos;s is well under {limit} MB, so it is not opened.</source>
        <translation>{path} chứa tệp {name} nặng {size} MB; tệp này của một mô hình chữ số nhỏ hơn {limit} MB rất nhiều, nên mô hình không được mở.</translation>
    </message>
    <message>
        <source>{name} is {what}; only raster images are read ({FORMAT_NAMES}).</source>
        <translation>{name} là {what}; chỉ đọc ảnh điểm ({FORMAT_NAMES}).</translation>
    </message>
    <message>
        <source>{name} is not an image in a format this app reads ({FORMAT_NAMES}).</source>
        <translation>{name} không phải ảnh ở định dạng ứng dụng này đọc được ({FORMAT_NAMES}).</translation>
    </message>
    <message>
        <source>{name} declares too many pixels to be read safely.</source>
        <translation>{name} khai báo quá nhiều điểm ảnh để đọc an toàn.</translation>
    </message>
    <message>
        <source>{name} needs more memory to decode than this computer can give.</source>
        <translation>{name} cần nhiều bộ nhớ để giải mã hơn mức máy tính này có.</translation>
    </message>
    <message>
        <source>{name} is damaged or truncated and cannot be read ({short}).</source>
        <translation>{name} bị hỏng hoặc bị cắt cụt nên không đọc được ({short}).</translation>
    </message>
    <message>
        <source>{name} is too large ({width} x {height} pixels); images of up to {value} megapixels are read.</source>
        <translation>{name} quá lớn ({width} x {height} điểm ảnh); chỉ đọc ảnh tối đa {value} megapixel.</translation>
    </message>
    <message>
        <source>The learning rate must be a number above 0 and at most 10, not {learning_rate}.</source>
        <translation>Tốc độ học phải là một số lớn hơn 0 và không quá 10, không phải {learning_rate}.</translation>
    </message>
    <message>
        <source>Unknown optimizer {name}; choose one of: {names}.</source>
        <translation>Không biết thuật toán tối ưu {name}; hãy chọn một trong: {names}.</translation>
    </message>
    <message>
        <source>Unknown model preset {name}; choose one of: {names}.</source>
        <translation>Không biết mẫu mạng {name}; hãy chọn một trong: {names}.</translation>
    </message>
    <message>
        <source>{path} reads {classes}..., not digits; only a digit model can read drawings and images of digits.</source>
        <translation>{path} đọc {classes}..., không phải chữ số; chỉ một mô hình chữ số mới đọc được hình vẽ và ảnh chữ số.</translation>
    </message>
    <message>
        <source>{path} holds no x_train/y_train or x_test/y_test arrays.</source>
        <translation>{path} không chứa các mảng x_train/y_train hay x_test/y_test.</translation>
    </message>
    <message>
        <source>Sample {id} is damaged ({name} holds {dtype} {shape}, not a 28x28 image).</source>
        <translation>Mẫu {id} bị hỏng ({name} chứa {dtype} {shape}, không phải ảnh 28x28).</translation>
    </message>
    <message>
        <source>{path}: expected (N, 28, 28) images with one label each, got {shape}.</source>
        <translation>{path}: cần các ảnh (N, 28, 28) mỗi ảnh một nhãn, nhưng nhận được {shape}.</translation>
    </message>
    <message>
        <source>{path}: the images hold {dtype}, not numbers.</source>
        <translation>{path}: các ảnh chứa kiểu {dtype}, không phải số.</translation>
    </message>
    <message>
        <source>{path}: labels must be whole numbers 0-9.</source>
        <translation>{path}: nhãn phải là số nguyên từ 0 đến 9.</translation>
    </message>
    <message>
        <source>{path}: labels must be 0-9.</source>
        <translation>{path}: nhãn phải từ 0 đến 9.</translation>
    </message>
    <message>
        <source>Sample {id} is damaged ({name} cannot be read).</source>
        <translation>Mẫu {id} bị hỏng (không đọc được {name}).</translation>
    </message>
    <message>
        <source>Could not import {name}: {reason}; nothing was added.</source>
        <translation>Không nhập được {name}: {reason}; chưa thêm mẫu nào.</translation>
    </message>
    <message>
        <source>{path} is not a file.</source>
        <translation>{path} không phải là tệp.</translation>
    </message>
    <message>
        <source>No digit found in {name}.</source>
        <translation>Không tìm thấy chữ số nào trong {name}.</translation>
    </message>
    <message>
        <source>Training failed: {error}: {detail}</source>
        <translation>Huấn luyện thất bại: {error}: {detail}</translation>
    </message>
    <message>
        <source>{path} lacks {names}: it is not a pen data file (UNIPEN&apos;s layout).</source>
        <translation>{path} thiếu {names}: đây không phải tệp dữ liệu bút (theo cấu trúc của UNIPEN).</translation>
    </message>
    <message>
        <source>Unknown study {kind}; choose optimizers or rates.</source>
        <translation>Không biết thí nghiệm {kind}; hãy chọn optimizers hoặc rates.</translation>
    </message>
    <message>
        <source>Test accuracy ({test}) is above training accuracy ({train}) because the training figure is {why}; the test figure is the finished model.</source>
        <translation>Độ chính xác kiểm tra ({test}) cao hơn độ chính xác huấn luyện ({train}) vì con số huấn luyện được {why}; con số kiểm tra là của mô hình đã học xong.</translation>
    </message>
    <message>
        <source>The device ran out of memory with batch size {batch}; try a smaller batch size (for example {smaller}).</source>
        <translation>Thiết bị hết bộ nhớ với kích thước batch {batch}; hãy thử kích thước batch nhỏ hơn (ví dụ {smaller}).</translation>
    </message>
    <message>
        <source>The loss became NaN at epoch {epoch}, batch {batch}: the learning rate {learning_rate} is probably too high for {optimizer}; try {value}.</source>
        <translation>Hàm mất mát thành NaN ở epoch {epoch}, batch {batch}: tốc độ học {learning_rate} có lẽ quá cao với {optimizer}; hãy thử {value}.</translation>
    </message>
    <message>
        <source>Unknown optimizer {optimizer}; choose one of: {names}.</source>
        <translation>Không biết thuật toán tối ưu {optimizer}; hãy chọn một trong: {names}.</translation>
    </message>
    <message>
        <source>Epochs must be a whole number from 1 to 1000, not {epochs}.</source>
        <translation>Số epoch phải là số nguyên từ 1 đến 1000, không phải {epochs}.</translation>
    </message>
    <message>
        <source>The batch size must be a whole number from 1 to 65536, not {batch_size}.</source>
        <translation>Kích thước batch phải là số nguyên từ 1 đến 65536, không phải {batch_size}.</translation>
    </message>
    <message>
        <source>{preset} normalizes each layer over the images of a batch (batch normalization), which one image a batch leaves nothing to learn from: use a batch of 2 or more (16 or more works best).</source>
        <translation>{preset} chuẩn hóa từng lớp theo các ảnh trong một batch (batch normalization), nên chỉ một ảnh mỗi batch thì không còn gì để học: hãy dùng batch từ 2 ảnh trở lên (từ 16 trở lên là tốt nhất).</translation>
    </message>
    <message>
        <source>The validation split must be at least 0 and below 0.5, not {validation_split}.</source>
        <translation>Tỉ lệ kiểm định phải từ 0 trở lên và dưới 0,5, không phải {validation_split}.</translation>
    </message>
    <message>
        <source>The learning-rate decay must be above 0 and at most 1, not {lr_decay}.</source>
        <translation>Hệ số giảm tốc độ học phải lớn hơn 0 và không quá 1, không phải {lr_decay}.</translation>
    </message>
    <message>
        <source>Clean epochs must be a whole number from 0 to one less than the epochs ({epochs}), not {clean_epochs}.</source>
        <translation>Số epoch sạch phải là số nguyên từ 0 đến ít hơn số epoch ({epochs}) một đơn vị, không phải {clean_epochs}.</translation>
    </message>
    <message>
        <source>Clean epochs end an augmented run without augmentation; turn augmentation on, or leave clean epochs at 0.</source>
        <translation>Epoch sạch là các epoch cuối không tăng cường dữ liệu của một lần huấn luyện có tăng cường; hãy bật tăng cường dữ liệu, hoặc để số epoch sạch bằng 0.</translation>
    </message>
    <message>
        <source>Unknown device {device}; use auto, cpu, mirrored, or gpu:N with N the GPU&apos;s number (gpu:0 for the first).</source>
        <translation>Không biết thiết bị {device}; hãy dùng auto, cpu, mirrored, hoặc gpu:N với N là số thứ tự GPU (gpu:0 là GPU đầu tiên).</translation>
    </message>
    <message>
        <source>Mixed precision speeds up GPUs only; turn it off to train on the CPU.</source>
        <translation>Độ chính xác hỗn hợp chỉ tăng tốc trên GPU; hãy tắt nó để huấn luyện trên CPU.</translation>
    </message>
    <message>
        <source>Test accuracy ({test}) is below training accuracy ({train}): the model fits its training images better than new ones (overfitting). More data, augmentation, dropout or fewer epochs narrow the gap.</source>
        <translation>Độ chính xác kiểm tra ({test}) thấp hơn độ chính xác huấn luyện ({train}): mô hình khớp với ảnh huấn luyện tốt hơn ảnh mới (quá khớp - overfitting). Thêm dữ liệu, tăng cường dữ liệu, dropout hoặc ít epoch hơn sẽ thu hẹp khoảng cách.</translation>
    </message>
    <message>
        <source>averaged over the epoch while the model was still improving</source>
        <translation>lấy trung bình trong cả epoch khi mô hình vẫn đang tiến bộ</translation>
    </message>
    <message>
        <source>TensorFlow sees {count} GPU(s); there is no GPU {index}.</source>
        <translation>TensorFlow thấy {count} GPU; không có GPU {index}.</translation>
    </message>
    <message>
        <source>{what} must be at least 10 images, not {value}.</source>
        <translation>{what} phải có ít nhất 10 ảnh, không phải {value}.</translation>
    </message>
    <message>
        <source>measured on augmented (harder) images</source>
        <translation>đo trên các ảnh đã tăng cường (khó hơn)</translation>
    </message>
    <message>
        <source>with dropout switched on</source>
        <translation>đo khi dropout đang bật</translation>
    </message>
    <message>
        <source>the exported twin does not answer as the model does</source>
        <translation>bản sao LiteRT vừa xuất không trả lời giống mô hình</translation>
    </message>
    <message>
        <source>Could not save the model to {path}: Keras could not copy it ({detail}).</source>
        <translation>Không lưu được mô hình vào {path}: Keras không sao chép được mô hình ({detail}).</translation>
    </message>
    <message>
        <source>The light-runtime twin of {path} does not answer as the model does; it is not saved.</source>
        <translation>Bản sao LiteRT của {path} không trả lời giống mô hình nên không được lưu.</translation>
    </message>
    <message>
        <source>{model} answered NaN or infinity, not probabilities: the model is unusable (damaged weights, or a training that diverged).</source>
        <translation>{model} trả lời NaN hoặc vô cực chứ không phải xác suất: mô hình không dùng được (trọng số bị hỏng, hoặc quá trình huấn luyện đã phân kỳ).</translation>
    </message>
    <message>
        <source>{model} answered values outside 0-1, not probabilities: the model is unusable.</source>
        <translation>{model} trả lời các giá trị nằm ngoài khoảng 0-1 chứ không phải xác suất: mô hình không dùng được.</translation>
    </message>
    <message>
        <source>{model} answered probabilities that add up to {total}, not 1: the model is unusable.</source>
        <translation>{model} trả lời các xác suất có tổng là {total} chứ không phải 1: mô hình không dùng được.</translation>
    </message>
    <message>
        <source>Softmax regression: one Dense(10) layer over the 784 pixels (about 92% on MNIST).</source>
        <translation>Hồi quy softmax: một lớp Dense(10) trên 784 điểm ảnh (khoảng 92% trên MNIST).</translation>
    </message>
    <message>
        <source>MLP: Dense(512, relu), the Keras intro network (about 97.8% on MNIST in 5 epochs of RMSprop).</source>
        <translation>MLP: Dense(512, relu), mạng nhập môn của Keras (khoảng 97,8% trên MNIST sau 5 epoch với RMSprop).</translation>
    </message>
    <message>
        <source>MLP: Dense 128-256-512 relu (about 88.4% on Fashion-MNIST with SGD lr 0.1).</source>
        <translation>MLP: Dense 128-256-512 relu (khoảng 88,4% trên Fashion-MNIST với SGD, tốc độ học 0,1).</translation>
    </message>
    <message>
        <source>CNN: two Conv2D(32, 3x3, sigmoid), max-pooling, Dense(128, sigmoid).</source>
        <translation>CNN: hai lớp Conv2D(32, 3x3, sigmoid), max-pooling, Dense(128, sigmoid).</translation>
    </message>
    <message>
        <source>CNN with batch norm and dropout: the shipped model&apos;s network (99.5%+ on MNIST with augmentation).</source>
        <translation>CNN có chuẩn hóa theo batch và dropout: mạng của mô hình có sẵn (trên 99,5% với MNIST khi có tăng cường dữ liệu).</translation>
    </message>
    <message>
        <source>MNIST handwritten digits</source>
        <translation>Chữ số viết tay MNIST</translation>
    </message>
    <message>
        <source>Fashion-MNIST clothing (a harder benchmark)</source>
        <translation>Quần áo Fashion-MNIST (bài kiểm tra khó hơn)</translation>
    </message>
    <message>
        <source>MNIST + real pen handwriting, with &quot;not a digit&quot;</source>
        <translation>MNIST + chữ viết tay thật bằng bút, có &quot;không phải chữ số&quot;</translation>
    </message>
    <message>
        <source>T-shirt/top</source>
        <translation>Áo phông/áo</translation>
    </message>
    <message>
        <source>Trouser</source>
        <translation>Quần dài</translation>
    </message>
    <message>
        <source>Pullover</source>
        <translation>Áo len chui đầu</translation>
    </message>
    <message>
        <source>Dress</source>
        <translation>Váy liền</translation>
    </message>
    <message>
        <source>Coat</source>
        <translation>Áo khoác</translation>
    </message>
    <message>
        <source>Sandal</source>
        <translation>Dép xăng-đan</translation>
    </message>
    <message>
        <source>Shirt</source>
        <translation>Áo sơ mi</translation>
    </message>
    <message>
        <source>Sneaker</source>
        <translation>Giày thể thao</translation>
    </message>
    <message>
        <source>Bag</source>
        <translation>Túi xách</translation>
    </message>
    <message>
        <source>Ankle boot</source>
        <translation>Bốt cổ ngắn</translation>
    </message>
    <message>
        <source>not a digit</source>
        <translation>không phải chữ số</translation>
    </message>
    <message>
        <source>MNIST</source>
        <translation>MNIST</translation>
    </message>
    <message>
        <source>Fashion-MNIST</source>
        <translation>Fashion-MNIST</translation>
    </message>
    <message>
        <source>MNIST + pen</source>
        <translation>MNIST + chữ viết bằng bút</translation>
    </message>
    <message>
        <source>MNIST + my samples</source>
        <translation>MNIST + mẫu của tôi</translation>
    </message>
    <message>
        <source>SGD</source>
        <translation>SGD</translation>
    </message>
    <message>
        <source>SGD with momentum 0.9</source>
        <translation>SGD với momentum 0,9</translation>
    </message>
    <message>
        <source>SGD with Nesterov momentum 0.9</source>
        <translation>SGD với momentum Nesterov 0,9</translation>
    </message>
    <message>
        <source>RMSprop</source>
        <translation>RMSprop</translation>
    </message>
    <message>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
</context>
</TS>
